using System.Diagnostics.CodeAnalysis;

/// <summary>
/// The .NET startup hook (<c>DOTNET_STARTUP_HOOKS</c>) through which <see cref="BatchCalling.Bench.GrainCallCounter"/>
/// enters the product's processes; the runtime looks for this exact name outside any namespace.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime requires a global StartupHook type.")]
internal static class StartupHook
{
    public static void Initialize() => BatchCalling.Bench.GrainCallCounter.Install();
}
