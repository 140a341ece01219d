using System.Text.Json;

namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>The dialed contact: its custom fields script the call (<see cref="CallScript"/>); its name is not used.</summary>
public sealed record ContactBody(JsonElement? CustomFields);
