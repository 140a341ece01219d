using Microsoft.Extensions.Logging;

namespace BatchCalling.Jobs;

/// <summary>What a job tells the log about its life.</summary>
internal static partial class JobLog
{
    /// <summary>Says how the start relates to the schedule: none, on time or late, or early on request.</summary>
    public static void JobStarted(this ILogger logger, string jobId, DateTimeOffset? scheduledAt, DateTimeOffset now)
    {
        if (scheduledAt is not { } due)
        {
            Started(logger, jobId);
        }
        else if (now >= due)
        {
            StartedLate(logger, jobId, (now - due).TotalMilliseconds);
        }
        else
        {
            StartedEarly(logger, jobId, due - now, due);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} scheduled for {StartAt}")]
    public static partial void JobScheduled(this ILogger logger, string jobId, DateTimeOffset startAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed: {Reason}")]
    public static partial void JobFailed(this ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} paused ({Reason})")]
    public static partial void JobPaused(this ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resumed")]
    public static partial void JobResumed(this ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} reached its endAt; {Expired} contacts not final were cancelled")]
    public static partial void JobExpired(this ILogger logger, string jobId, int expired);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was erased with its contacts and their calls")]
    public static partial void JobDeleted(this ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not check its organization; it dials nothing new until it can")]
    public static partial void JobCheckFailed(this ILogger logger, Exception ex, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started")]
    private static partial void Started(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started at its scheduled time ({LatenessMs} ms after it)")]
    private static partial void StartedLate(ILogger logger, string jobId, double latenessMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started on request, {EarlyBy} before its scheduled time {ScheduledAt}")]
    private static partial void StartedEarly(ILogger logger, string jobId, TimeSpan earlyBy, DateTimeOffset scheduledAt);
}
