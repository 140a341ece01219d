namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>
/// When a request reached the platform, taken first thing: a call starts when its dial is received, not when the
/// database gets to record it, which under load can be hundreds of milliseconds later (pacing is judged by these times).
/// </summary>
public sealed record ReceivedAt(DateTimeOffset At)
{
    public static DateTimeOffset Of(HttpContext context) => context.Features.Get<ReceivedAt>()?.At ?? DateTimeOffset.UtcNow;

    /// <summary>Stamps every request as it arrives.</summary>
    public static void Stamp(IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Features.Set(new ReceivedAt(DateTimeOffset.UtcNow));
        return next(context);
    });
}
