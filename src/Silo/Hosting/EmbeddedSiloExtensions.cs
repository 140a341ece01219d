using BatchCalling.Dialing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BatchCalling.Hosting;

/// <summary>A silo hosted inside a web application: the embedded default's gateway.</summary>
public static class EmbeddedSiloExtensions
{
    /// <summary>
    /// Platforms reach a gateway hosting its silo at its own first listening address, unless <c>Gateway:PublicUrl</c> says
    /// otherwise (known only once the server listens, which may be on a port picked at start).
    /// </summary>
    public static void UseOwnAddressForCallEvents(this WebApplication app)
    {
        if (app.Services.GetService<EventsAddress>() is { IsKnown: false } events)
        {
            app.Lifetime.ApplicationStarted.Register(() => events.UseIfUnset(new Uri(app.Urls.First())));
        }
    }
}
