using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace BatchCalling.Hosting;

/// <summary>
/// Lets the database's and Redis's exceptions cross grain boundaries (Orleans only carries exceptions of namespaces
/// it trusts): a grain that fails while activating, before any call filter runs, still tells the gateway why.
/// </summary>
public static class DependencyExceptions
{
    public static IServiceCollection AllowDependencyExceptions(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o =>
        {
            o.SupportedNamespacePrefixes.Add("Npgsql");
            o.SupportedNamespacePrefixes.Add("StackExchange.Redis");
        });
}
