namespace BatchCalling.Recipients;

/// <summary>One page of an organization's do-not-call list (E.164 numbers) and how many the list holds in all.</summary>
[GenerateSerializer, Immutable, Alias("batch.do-not-call-page")]
public sealed record DoNotCallPage(
    [property: Id(0)] IReadOnlyList<string> Numbers,
    [property: Id(1)] int Total);
