using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>
/// Moves a fake clock on in small steps while waiting for a condition, so simulated calls end and heartbeats find their
/// time come, without a test ever sleeping on timing: each step waits for the condition with a deadline.
/// </summary>
public sealed class FakeClockDriver(BatchCluster cluster)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    public Task AdvanceUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null) =>
        Scenario.WaitUntilAsync(async () =>
        {
            if (await condition())
            {
                return true;
            }

            cluster.Clock!.Advance(Step);
            return false;
        }, timeout);

    public Task AdvanceUntilAsync(Scenario scenario, string jobId, JobStatus status) =>
        AdvanceUntilAsync(async () => (await scenario.DetailAsync(jobId)).Summary.Status == status);
}
