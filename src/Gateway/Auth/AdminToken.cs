using System.Security.Cryptography;
using System.Text;

namespace BatchCalling.Gateway.Auth;

/// <summary>
/// The admin API's token: configuration <c>Admin:Token</c>. The embedded default generates and prints one when it is not
/// set; the production profile refuses to start without it, since replicas that each invented their own would disagree.
/// </summary>
public sealed class AdminToken(string value)
{
    public string Value => value;

    public static AdminToken FromConfiguration(IConfiguration configuration, bool production) =>
        configuration["Admin:Token"] is { Length: > 0 } token ? new(token)
        : production ? throw new InvalidOperationException(
            "Admin:Token is not set. The production profile needs it (every gateway replica must share one); set Admin__Token.")
        : new("adm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(value));
}
