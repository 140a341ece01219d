using System.Net;
using System.Text.Json;

using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>What a pod's probes see of each silo process: live while it runs, ready while it is active and its servers answer.</summary>
[Collection(ProcessClusterTests.Name)]
public sealed class SiloProbeTests(FaultCluster cluster)
{
    [Fact]
    public async Task Every_silo_of_a_running_cluster_is_live_and_ready()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var silo = 0; silo < ProcessCluster.SiloCount; silo++)
        {
            await cluster.WaitUntilSiloServingAsync(silo, TimeSpan.FromSeconds(90));
            var live = await http.GetAsync(new Uri(cluster.SiloHttpAddress(silo), "/health/live"));
            string? ready = null;
            await Wait.UntilAsync(async () =>
                {
                    var answer = await http.GetAsync(new Uri(cluster.SiloHttpAddress(silo), "/health/ready"));
                    ready = await answer.Content.ReadAsStringAsync();
                    return answer.StatusCode == HttpStatusCode.OK;
                }, TimeSpan.FromSeconds(30), () => $"silo {silo} is not ready: {ready}");

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("ready", JsonDocument.Parse(ready!).RootElement.GetProperty("status").GetString());
        }
    }
}
