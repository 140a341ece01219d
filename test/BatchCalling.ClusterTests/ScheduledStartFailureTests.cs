using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>The silo that owns a scheduled job's reminder dies just before the job's time.</summary>
[Collection(ProcessClusterTests.Name)]
public sealed class ScheduledStartFailureTests(FaultCluster cluster)
{
    /// <summary>
    /// The documented bound: Orleans skips a reminder tick nobody owned, so the next tick (one minute later) starts the
    /// job, after the cluster has noticed the death (seconds), plus slack for a loaded machine.
    /// </summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_scheduled_job_still_starts_exactly_once_when_its_reminder_owner_dies()
    {
        var (_, http) = await cluster.NewTenantAsync(concurrencyLimit: 5);
        var now = DateTimeOffset.UtcNow;
        var startAt = now.AddSeconds(12).AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)); // whole milliseconds, as sent
        var jobId = await http.CreateJobAsync("phone,simulatedOutcomes\n+13125550101,completed\n+13125550102,completed\n+13125550103,completed\n",
            ("scheduledStartTime", startAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        await Task.Delay(startAt - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(3) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);

        // Asked at the last moment: the reminder moves when a silo restarted by an earlier test takes its range back.
        var owner = cluster.SiloOwningReminderOf(jobId) ?? throw new InvalidOperationException("No silo runs the job's reminder.");
        cluster.KillSilo(owner);
        try
        {
            var job = await http.WaitForJobAsync(jobId, Api.StatusIs("completed"), StartBound + TimeSpan.FromSeconds(30));
            var startedAt = job.GetProperty("actualStartTime").GetDateTimeOffset();
            Assert.InRange(startedAt, startAt, startAt + StartBound);
            var contacts = await http.GetFromJsonAsync<JsonElement>($"/batch/jobs/{jobId}/contacts");
            Assert.All(contacts.GetProperty("contacts").EnumerateArray(), c => Assert.Equal(1, c.GetProperty("attempts").GetInt32()));
            Assert.Equal((3, 0, 0), await CallLog.CountsAsync(jobId));
        }
        finally
        {
            cluster.StartSilo(owner);
        }
    }
}
