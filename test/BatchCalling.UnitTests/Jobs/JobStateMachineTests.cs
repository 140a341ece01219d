using BatchCalling.Jobs;

namespace BatchCalling.UnitTests.Jobs;

public sealed class JobStateMachineTests
{
    [Theory]
    [InlineData(JobStatus.Pending, null)]
    [InlineData(JobStatus.Scheduled, null)]
    [InlineData(JobStatus.Running, ErrorCodes.AlreadyRunning)]
    [InlineData(JobStatus.Completed, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Failed, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Cancelled, ErrorCodes.InvalidStatus)]
    public void Start(JobStatus status, string? error) => Assert.Equal(error, JobStateMachine.CheckStart(status));

    [Theory]
    [InlineData(JobStatus.Pending, null)]
    [InlineData(JobStatus.Scheduled, null)]
    [InlineData(JobStatus.Running, null)]
    [InlineData(JobStatus.Completed, ErrorCodes.AlreadyTerminal)]
    [InlineData(JobStatus.Failed, ErrorCodes.AlreadyTerminal)]
    [InlineData(JobStatus.Cancelled, ErrorCodes.AlreadyTerminal)]
    public void Cancel(JobStatus status, string? error) => Assert.Equal(error, JobStateMachine.CheckCancel(status));

    [Theory]
    [InlineData(JobStatus.Pending, null)]
    [InlineData(JobStatus.Scheduled, null)]
    [InlineData(JobStatus.Running, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Completed, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Failed, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Cancelled, ErrorCodes.InvalidStatus)]
    public void Reschedule(JobStatus status, string? error) => Assert.Equal(error, JobStateMachine.CheckReschedule(status));
}
