namespace BatchCalling.Contacts;

/// <summary>
/// Many contacts' stored calls at once, without activating their grains (a final contact changes no more): the export reads
/// a page of a thousand, a delete all of them. In PostgreSQL one statement; elsewhere one storage call each, a few at a time.
/// </summary>
public interface IContactRecords
{
    /// <summary>The calls of the job's contacts at <paramref name="indices"/>, in that order (none for a contact without a record).</summary>
    Task<IReadOnlyList<CallAttempt>[]> ReadCallsAsync(string jobId, IReadOnlyList<int> indices);

    /// <summary>Erases the records of the job's <paramref name="total"/> contacts (its job is erased; none of them is on a call).</summary>
    Task EraseAsync(string jobId, int total);
}
