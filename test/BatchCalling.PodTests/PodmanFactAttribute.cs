namespace BatchCalling.PodTests;

/// <summary>A test that needs podman: skipped, with the reason, only where podman cannot run at all.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (Podman.WhyNot() is { } reason)
        {
            Skip = reason;
        }
    }
}
