using System.Net;
using System.Net.Sockets;

namespace BatchCalling.Networking;

/// <summary>
/// Which addresses a customer's URL may lead the cluster to (unless configuration <c>Network:AllowPrivateAddresses</c>): none that
/// is private, loopback, link-local or otherwise inside the deployment, so a dialer or webhook URL is no way to reach
/// internal services (server-side request forgery).
/// </summary>
public static class PublicAddresses
{
    /// <summary>Whether <paramref name="address"/> is on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast, 2001:db8::/32 documentation, ::/96 and 64:ff9b::/96 embedded v4
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8)
                || bytes.Take(12).All(b => b == 0));
        }

        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => false,
            100 => v4[1] is < 64 or > 127, // 100.64.0.0/10 carrier-grade NAT
            169 => v4[1] != 254, // link-local, cloud metadata endpoints
            172 => v4[1] is < 16 or > 31,
            192 => !((v4[1] == 168) || (v4[1] == 0 && v4[2] is 0 or 2) || (v4[1] == 88 && v4[2] == 99)),
            198 => v4[1] is not (18 or 19) && !(v4[1] == 51 && v4[2] == 100),
            203 => !(v4[1] == 0 && v4[2] == 113),
            >= 224 => false, // multicast and reserved
            _ => true,
        };
    }

    /// <summary>
    /// Why <paramref name="url"/> may not be called, or null when it may: it must be absolute http(s), and unless
    /// <paramref name="allowPrivate"/>, every address its host resolves to must be public.
    /// </summary>
    public static async Task<string?> RefusalAsync(Uri? url, bool allowPrivate, CancellationToken cancellationToken)
    {
        if (url is not { IsAbsoluteUri: true } || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(url.UserInfo))
        {
            return "Must be an absolute http or https URL without credentials.";
        }

        if (allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return "Its host does not resolve.";
        }

        return addresses.Length > 0 && addresses.All(IsPublic) ? null
            : "Its host resolves to a private, loopback or link-local address (set Network:AllowPrivateAddresses for a private deployment).";
    }

    /// <summary>A handler for customers' URLs: it connects only to public addresses (<see cref="ConnectAsync"/>) unless <paramref name="allowPrivate"/>.</summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) =>
        allowPrivate ? new SocketsHttpHandler() : new SocketsHttpHandler { ConnectCallback = ConnectAsync };

    /// <summary>
    /// Connects only to public addresses: checked at connect time, against the addresses actually dialed, so a name that
    /// resolved to a public address when it was registered cannot be pointed inside later (DNS rebinding).
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{endpoint.Host} resolves to no public address; the request was not sent.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
