using BatchCalling.Gateway.Parsing;

namespace BatchCalling.UnitTests.Parsing;

public sealed class CreateJobRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static CreateJobFields Fields(
        string? name = "Campaign", string? limit = null, string? attempts = null, string? delay = null,
        string? start = null, string? zone = null, string? autoStart = null, string? from = "pn_1", params string[] wrongTypes) =>
        new(from, name, null, limit, attempts, delay, start, zone, autoStart, null, new HashSet<string>(wrongTypes));

    [Fact]
    public void Defaults_apply_when_fields_are_absent()
    {
        var settings = CreateJobRules.Check(Fields(), Now).Settings!;

        Assert.Equal((5, 3, 300, "UTC", true, false, (DateTimeOffset?)null, 1800),
            (settings.ConcurrentCallLimit, settings.RetryPolicy.MaxAttempts, settings.RetryDelaySeconds, settings.Timezone, settings.AutoStart,
                settings.RejectInvalid, settings.ScheduledStartTime, settings.MaxCallDurationSeconds));
    }

    [Theory]
    [InlineData("concurrentCallLimit", "0")]
    [InlineData("concurrentCallLimit", "51")]
    [InlineData("concurrentCallLimit", "five")]
    [InlineData("maxAttempts", "11")]
    [InlineData("retryDelaySeconds", "86401")]
    [InlineData("retryDelaySeconds", "-1")]
    [InlineData("autoStart", "yes")]
    [InlineData("maxCallDurationSeconds", "59")]
    [InlineData("maxCallDurationSeconds", "7201")]
    public void Out_of_range_fields_are_validation_errors(string field, string value)
    {
        var fields = field switch
        {
            "concurrentCallLimit" => Fields(limit: value),
            "maxAttempts" => Fields(attempts: value),
            "retryDelaySeconds" => Fields(delay: value),
            "maxCallDurationSeconds" => Fields() with { MaxCallDurationSeconds = value },
            _ => Fields(autoStart: value),
        };

        var check = CreateJobRules.Check(fields, Now);

        Assert.Equal(CreateJobRules.ValidationError, check.Error);
        Assert.Equal([field], check.Errors!.Keys);
    }

    [Fact]
    public void Missing_name_and_caller_and_wrong_json_types_are_listed_together()
    {
        var check = CreateJobRules.Check(Fields(name: null, from: " ", wrongTypes: "description"), Now);

        Assert.Equal(["description", "fromPhoneNumberId", "name"], check.Errors!.Keys.Order());
    }

    [Fact]
    public void A_name_over_200_characters_is_refused() =>
        Assert.Equal(["name"], CreateJobRules.Check(Fields(name: new string('x', 201)), Now).Errors!.Keys);

    [Fact]
    public void A_wall_clock_start_is_converted_in_its_zone()
    {
        var settings = CreateJobRules.Check(Fields(start: "2026-07-01T09:00:00", zone: "America/New_York"), Now).Settings!;

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 13, 0, 0, TimeSpan.Zero), settings.ScheduledStartTime);
        Assert.Equal("America/New_York", settings.Timezone);
    }

    [Theory]
    [InlineData("2026-06-01T12:00:00Z", "UTC", CreateJobRules.PastScheduledTime)]
    [InlineData("2026-07-01T09:00:00", "Mars/Olympus", ScheduleTimeParser.InvalidTimezone)]
    [InlineData("next week", "UTC", ScheduleTimeParser.InvalidDatetime)]
    public void Start_time_errors(string start, string zone, string error) =>
        Assert.Equal(error, CreateJobRules.Check(Fields(start: start, zone: zone), Now).Error);

    [Fact]
    public void An_end_is_read_in_the_jobs_zone_like_a_start()
    {
        var settings = CreateJobRules.Check(Fields(start: "2026-07-01T09:00:00", zone: "America/New_York") with { EndAt = "2026-07-01T17:00:00" }, Now).Settings!;

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 21, 0, 0, TimeSpan.Zero), settings.EndAt);
    }

    [Theory]
    [InlineData(null, "2026-06-01T11:00:00Z", CreateJobRules.ValidationError)]
    [InlineData("2026-07-01T09:00:00Z", "2026-07-01T09:00:00Z", CreateJobRules.ValidationError)]
    [InlineData(null, "soon", ScheduleTimeParser.InvalidDatetime)]
    [InlineData("2026-06-01T11:00:00Z", "2026-07-01T09:00:00Z", CreateJobRules.PastScheduledTime)]
    public void End_time_errors(string? start, string end, string error)
    {
        var check = CreateJobRules.Check(Fields(start: start) with { EndAt = end }, Now);

        Assert.Equal(error, check.Error);
        Assert.Equal(error == CreateJobRules.ValidationError ? ["endAt"] : null, check.Errors?.Keys);
    }

    [Fact]
    public void The_timezone_is_checked_even_without_a_start_time()
    {
        var check = CreateJobRules.Check(Fields(zone: "Invalid/Timezone"), Now);

        Assert.Equal(ScheduleTimeParser.InvalidTimezone, check.Error);
        Assert.Equal("Invalid timezone 'Invalid/Timezone'. Use IANA timezone format (e.g., 'America/New_York', 'Asia/Karachi', 'UTC').", check.Detail);
    }

    [Theory]
    [InlineData("""{"campaign":"spring","tags":["a"]}""", true)]
    [InlineData("""[1,2]""", false)]
    [InlineData("""not json""", false)]
    [InlineData("""{"a":1""", false)]
    public void Metadata_is_a_json_object(string metadata, bool valid)
    {
        var check = CreateJobRules.Check(Fields() with { Metadata = metadata }, Now);

        Assert.Equal(valid ? metadata : null, check.Settings?.MetadataJson);
        Assert.Equal(valid ? null : ["metadata"], check.Errors?.Keys.ToArray());
    }

    [Fact]
    public void Metadata_is_at_most_4_kb()
    {
        var fits = $$"""{"n":"{{new string('x', CreateJobRules.MaxMetadataBytes - 8)}}"}""";

        Assert.NotNull(CreateJobRules.Check(Fields() with { Metadata = fits }, Now).Settings);
        Assert.Equal(["metadata"], CreateJobRules.Check(Fields() with { Metadata = fits.Replace("\"x", "\"xx", StringComparison.Ordinal) }, Now).Errors!.Keys);
    }

    [Fact]
    public void A_dry_run_is_a_setting_like_any_other() =>
        Assert.True(CreateJobRules.Check(Fields() with { DryRun = "true" }, Now).Settings!.DryRun);
}
