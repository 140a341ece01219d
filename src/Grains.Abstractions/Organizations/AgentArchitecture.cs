namespace BatchCalling.Organizations;

/// <summary>How the outbound agent runs; it sets the price of a call.</summary>
public enum AgentArchitecture
{
    Pipeline,
    Realtime,
}
