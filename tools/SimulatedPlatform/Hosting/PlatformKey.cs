using System.Security.Cryptography;
using System.Text;

namespace BatchCalling.SimulatedPlatform.Hosting;

/// <summary>
/// Which platform placed a call: a digest of its secret, kept on each row. Platforms sharing a database (test runs side by
/// side, <c>cluster.sh</c> beside a test) deliver only their own calls' events: another's would be signed with the wrong
/// secret, refused, and held under its lease.
/// </summary>
public sealed record PlatformKey(string Value)
{
    public static PlatformKey Of(string secret) => new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..16]);
}
