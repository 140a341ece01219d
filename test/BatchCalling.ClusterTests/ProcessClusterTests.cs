using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>The cluster the fault tests break: 200 ms calls, no demo organization.</summary>
public sealed class FaultCluster() : ProcessCluster();

[CollectionDefinition(Name)]
public sealed class ProcessClusterTests : ICollectionFixture<FaultCluster>
{
    public const string Name = "process cluster";
}
