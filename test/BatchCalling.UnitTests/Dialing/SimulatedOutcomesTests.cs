using BatchCalling.Contacts;
using BatchCalling.Dialing;

namespace BatchCalling.UnitTests.Dialing;

public sealed class SimulatedOutcomesTests
{
    private static readonly Dictionary<CallOutcome, int> Weights = new SimulatedDialerOptions().Outcomes;

    private static CallRequest Call(int attempt, string? customFieldsJson, string callId = "call_job_0_1") =>
        new(callId, "org", "job", attempt, "+12025550100", "agent", new ContactInput("+12025550101", null, customFieldsJson), null, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(1, CallOutcome.NoAnswer)]
    [InlineData(2, CallOutcome.Busy)]
    [InlineData(3, CallOutcome.Completed)]
    [InlineData(5, CallOutcome.Completed)]
    public void The_scripted_field_fixes_each_attempt_and_the_last_repeats(int attempt, CallOutcome expected) =>
        Assert.Equal(expected, SimulatedOutcomes.Pick(Call(attempt, """{"simulatedOutcomes":"no_answer, busy,completed"}"""), Weights));

    [Fact]
    public void Unknown_scripted_names_fail_the_call() =>
        Assert.Equal(CallOutcome.Failed, SimulatedOutcomes.Pick(Call(1, """{"simulatedOutcomes":["ring_forever"]}"""), Weights));

    [Fact]
    public void Without_a_script_the_call_id_decides_and_a_rerun_gives_the_same()
    {
        var outcomes = Enumerable.Range(0, 2000).Select(i => SimulatedOutcomes.Pick(Call(1, null, $"call_job_{i}_1"), Weights)).ToList();
        var again = Enumerable.Range(0, 2000).Select(i => SimulatedOutcomes.Pick(Call(1, null, $"call_job_{i}_1"), Weights)).ToList();

        Assert.Equal(outcomes, again);
        var completed = outcomes.Count(o => o == CallOutcome.Completed) / 2000.0;
        Assert.InRange(completed, 0.65, 0.75);
        Assert.Equal(Weights.Keys.Order(), outcomes.Distinct().Order());
    }

    [Theory]
    [InlineData(null, 2000)]
    [InlineData("""{"simulatedDurationMs":30000}""", 30000)]
    [InlineData("""{"simulatedDurationMs":"1200"}""", 1200)]
    [InlineData("""{"simulatedDurationMs":"-5"}""", 2000)]
    [InlineData("""{"simulatedDurationMs":1.5}""", 2000)]
    [InlineData("""{"other":1}""", 2000)]
    public void A_contact_may_fix_how_long_its_calls_last(string? customFieldsJson, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), SimulatedOutcomes.Duration(Call(1, customFieldsJson), TimeSpan.FromMilliseconds(2000)));
}
