namespace BatchCalling.Jobs;

/// <summary>
/// Erasing a final job (a customer's right to erasure): its record, contacts, results and calls, its list entry and what
/// its webhook events carry. It is marked first, so a job half erased (a silo died) answers as gone and a repeated delete
/// finishes the work.
/// </summary>
internal sealed partial class BatchJobGrain
{
    async Task<JobControlResult> IBatchJobGrain.DeleteAsync(string organizationId)
    {
        if (!state.RecordExists || Job.OrganizationId != organizationId)
        {
            return new JobControlResult(ErrorCodes.JobNotFound, default, 0);
        }

        var status = Job.Status;
        if (!Job.Erasing)
        {
            if (JobStateMachine.CheckDelete(status) is { } error)
            {
                return new JobControlResult(error, status, 0);
            }

            var board = (await DispatcherAsync()).Board;
            if (board.InFlight > 0)
            {
                return new JobControlResult(ErrorCodes.InvalidStatus, status, board.InFlight);
            }

            // The organization gets the job's last charge before the job can no longer send it.
            await Billing.CloseAsync();
            await MarkErasingAsync();
        }

        StopHeartbeat();
        await GrainFactory.GetGrain<IJobIndexGrain>(Job.OrganizationId).RemoveAsync(JobId);
        await webhooks.EraseJobAsync(JobId);
        await Store.EraseAsync(contactRecords, JobId);
        await Scheduler.ForgetAsync();
        await state.ClearStateAsync();
        logger.JobDeleted(JobId);
        DeactivateOnIdle();
        return new JobControlResult(null, status, 0);
    }

    private async Task MarkErasingAsync()
    {
        Job.Erasing = true;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            Job.Erasing = false;
            DeactivateOnIdle();
            throw;
        }
    }
}
