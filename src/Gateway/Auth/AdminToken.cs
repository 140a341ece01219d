using System.Security.Cryptography;
using System.Text;

namespace BatchCalling.Gateway.Auth;

/// <summary>The admin API's token (configuration <c>Admin:Token</c>, else generated at start and printed).</summary>
public sealed class AdminToken(string value)
{
    public string Value => value;

    public static AdminToken FromConfiguration(IConfiguration configuration) =>
        new(configuration["Admin:Token"] is { Length: > 0 } token ? token : "adm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(value));
}
