using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace BatchCalling.Contacts;

public static class ContactRecordsServiceCollectionExtensions
{
    /// <summary>Bulk reads of contact records: from PostgreSQL at <paramref name="postgres"/> (under the cluster's service id), else from grain storage.</summary>
    public static IServiceCollection AddContactRecords(this IServiceCollection services, string? postgres) =>
        postgres is null
            ? services.AddSingleton<IContactRecords, StorageContactRecords>()
            : services.AddSingleton<IContactRecords>(sp => new PostgresContactRecords(postgres,
                sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, sp.GetRequiredService<Serializer>()));
}
