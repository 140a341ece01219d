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
    [InlineData(JobStatus.Paused, null)]
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

    [Theory]
    [InlineData(JobStatus.Pending, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Scheduled, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Running, null)]
    [InlineData(JobStatus.Paused, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Completed, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Failed, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Cancelled, ErrorCodes.InvalidStatus)]
    public void Pause(JobStatus status, string? error) => Assert.Equal(error, JobStateMachine.CheckPause(status));

    [Theory]
    [InlineData(JobStatus.Pending, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Scheduled, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Running, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Paused, null)]
    [InlineData(JobStatus.Completed, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Failed, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Cancelled, ErrorCodes.InvalidStatus)]
    public void Resume(JobStatus status, string? error) => Assert.Equal(error, JobStateMachine.CheckResume(status));

    [Theory]
    [InlineData(JobStatus.Pending, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Scheduled, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Running, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Paused, ErrorCodes.InvalidStatus)]
    [InlineData(JobStatus.Completed, null)]
    [InlineData(JobStatus.Failed, null)]
    [InlineData(JobStatus.Cancelled, null)]
    public void Delete(JobStatus status, string? error) => Assert.Equal(error, JobStateMachine.CheckDelete(status));
}
