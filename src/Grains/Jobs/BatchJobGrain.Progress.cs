namespace BatchCalling.Jobs;

/// <summary>The job's progress over time, for the dashboard's chart (<see cref="JobTimeline"/>).</summary>
internal sealed partial class BatchJobGrain
{
    async Task<IReadOnlyList<ProgressPoint>?> IBatchJobGrain.GetProgressAsync(string organizationId, int points)
    {
        if (!Owns(organizationId))
        {
            return null;
        }

        if (Job.ActualStartTime is not { } start)
        {
            return [];
        }

        var board = (await DispatcherAsync()).Board;
        return JobTimeline.Of(Enumerable.Range(0, board.Total).Select(i => board[i]), start, Job.CompletedAt ?? Now, points);
    }
}
