namespace BatchCalling.Jobs;

/// <summary>
/// The names of a job's custom fields in first-seen order, written once beside its input chunks when it is created, so an
/// export can write its header without reading every contact first. Not in the job's own record, which is rewritten on
/// every change: a JSON upload may bring thousands of distinct names. Jobs created before it have none (see
/// <see cref="JobContactStore.ReadCustomFieldNamesAsync"/>).
/// </summary>
[GenerateSerializer, Alias("batch.custom-fields-record")]
public sealed class CustomFieldsRecord
{
    [Id(0)] public List<string> Names { get; set; } = [];
}
