using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>The CSV export's reads: the header's custom fields, then the contacts page by page (<see cref="JobContactExport"/>).</summary>
internal sealed partial class BatchJobGrain
{
    async Task<IReadOnlyList<string>?> IBatchJobGrain.GetCustomFieldNamesAsync(string organizationId) =>
        Owns(organizationId) ? await Store.ReadCustomFieldNamesAsync() : null;

    async Task<ContactExportPage?> IBatchJobGrain.GetExportPageAsync(string organizationId, ContactStatus? status, int page) =>
        Owns(organizationId) ? await JobContactExport.ReadPageAsync(JobId, (await DispatcherAsync()).Board, Store, contactRecords, status, page) : null;
}
