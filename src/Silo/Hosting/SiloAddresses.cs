using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace BatchCalling.Hosting;

/// <summary>The address a production silo tells the cluster to reach it at.</summary>
public static class SiloAddresses
{
    /// <summary>
    /// <c>Orleans:AdvertisedIP</c>; else a pod's <c>POD_IP</c> (the downward API's <c>status.podIP</c>); else, in a pod whose
    /// runtime cannot give its address (<c>POD_NAME</c> set without it: <c>podman kube play</c>), its own first non-loopback
    /// IPv4 address; else loopback, for silos on one machine.
    /// </summary>
    public static IPAddress Advertised(IConfiguration configuration)
    {
        if ((configuration["Orleans:AdvertisedIP"] ?? configuration["POD_IP"]) is { Length: > 0 } configured)
        {
            return IPAddress.Parse(configured);
        }

        return configuration["POD_NAME"] is { Length: > 0 } ? OwnAddress() : IPAddress.Loopback;
    }

    private static IPAddress OwnAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("This pod has no IPv4 address besides loopback to advertise; set POD_IP or Orleans:AdvertisedIP.");
}
