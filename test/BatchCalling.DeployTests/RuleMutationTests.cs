using k8s.Models;

namespace BatchCalling.DeployTests;

/// <summary>
/// Each invariant can fail: a rendering broken the way the rule guards against (loaded afresh, changed in memory) makes
/// that rule report a violation. Every rule has at least one case here.
/// </summary>
public class RuleMutationTests
{
    private static V1Container Silo(Rendering r) => r.Silos.First().Spec.Template.Spec.Containers[0];

    private static V1Container Gateway(Rendering r) => r.Gateways.First().Spec.Template.Spec.Containers[0];

    private static V1Deployment SiloDeployment(Rendering r) => r.Silos.First();

    private static void RemoveEnv(V1Container c, string name) => c.Env.Remove(c.Env.Single(e => e.Name == name));

    private static readonly Dictionary<string, (string Rule, string Overlay, Action<Rendering> Break)> Mutations = new()
    {
        ["no gateway"] = ("Orleans processes present", "base", r => ((List<object>)r.Objects).RemoveAll(o => o is V1Deployment d && Rendering.Component(d) == "gateway")),
        ["no platform"] = ("Orleans processes present", "overlays/podman/edge", r => ((List<object>)r.Objects).RemoveAll(o => o is V1Deployment d && Rendering.Component(d) == "platform")),
        ["latest tag"] = ("images pinned", "overlays/production", r => Silo(r).Image = "batch-calling/silo:latest"),
        ["untagged image"] = ("images pinned", "overlays/podman", r => Silo(r).Image = "registry.example.com:5000/batch-calling/silo"),
        ["no memory limit"] = ("resources set", "base", r => Gateway(r).Resources.Limits.Remove("memory")),
        ["no requests"] = ("resources set", "overlays/podman/edge", r => r.Deployments.Last().Spec.Template.Spec.Containers[0].Resources.Requests = null),
        ["writable root"] = ("non-root and read-only root", "base", r => Silo(r).SecurityContext.ReadOnlyRootFilesystem = false),
        ["root user"] = ("non-root and read-only root", "overlays/production", r => Gateway(r).SecurityContext.RunAsUser = 0),
        ["privilege escalation"] = ("non-root and read-only root", "overlays/podman", r => Silo(r).SecurityContext.AllowPrivilegeEscalation = null),
        ["capability added"] = ("non-root and read-only root", "base", r => Silo(r).SecurityContext.Capabilities.Add = ["NET_ADMIN"]),
        ["unconfined seccomp"] = ("non-root and read-only root", "base", r => SiloDeployment(r).Spec.Template.Spec.SecurityContext.SeccompProfile.Type = "Unconfined"),
        ["no /tmp volume"] = ("non-root and read-only root", "overlays/podman/silo-3", r => Silo(r).VolumeMounts = null),
        ["readiness on live"] = ("health probes", "base", r => Silo(r).ReadinessProbe.HttpGet.Path = "/health/live"),
        ["no startup probe"] = ("health probes", "overlays/production", r => Gateway(r).StartupProbe = null),
        ["probe on another port"] = ("health probes", "overlays/podman", r => Silo(r).LivenessProbe.HttpGet.Port = "11111"),
        ["short startup"] = ("health probes", "base", r => Silo(r).StartupProbe.FailureThreshold = 3),
        ["platform probe path"] = ("health probes", "overlays/podman/edge", r => r.Deployments.Single(d => Rendering.Component(d) == "platform").Spec.Template.Spec.Containers[0].LivenessProbe.HttpGet.Path = "/health/live"),
        ["60 s grace"] = ("silo grace period above 60 s", "overlays/production", r => SiloDeployment(r).Spec.Template.Spec.TerminationGracePeriodSeconds = 60),
        ["default grace"] = ("silo grace period above 60 s", "overlays/podman", r => SiloDeployment(r).Spec.Template.Spec.TerminationGracePeriodSeconds = null),
        ["maxUnavailable 1"] = ("rolling update with maxUnavailable 0", "base", r => SiloDeployment(r).Spec.Strategy.RollingUpdate.MaxUnavailable = "1"),
        ["recreate"] = ("rolling update with maxUnavailable 0", "overlays/production", r => r.Gateways.First().Spec.Strategy = new V1DeploymentStrategy { Type = "Recreate" }),
        ["no cluster id label"] = ("Orleans id labels and env", "base", r => SiloDeployment(r).Spec.Template.Metadata.Labels.Remove("orleans/clusterId")),
        ["service id from a literal"] = ("Orleans id labels and env", "overlays/podman/edge", r => Gateway(r).Env.Single(e => e.Name == "ORLEANS_SERVICE_ID").ValueFrom = null),
        ["no POD_NAME"] = ("Orleans id labels and env", "overlays/production", r => RemoveEnv(Silo(r), "POD_NAME")),
        ["id in the selector"] = ("Orleans id labels and env", "base", r => SiloDeployment(r).Spec.Selector.MatchLabels["orleans/serviceId"] = "batch-calling"),
        ["selector off the template"] = ("selectors match pod labels", "overlays/podman", r => SiloDeployment(r).Spec.Selector.MatchLabels["app.kubernetes.io/component"] = "silos"),
        ["unknown ConfigMap"] = ("ConfigMap references resolve", "base", r => Silo(r).EnvFrom[0].ConfigMapRef.Name = "batch-calling"),
        ["a Secret shipped"] = ("no secret values", "overlays/production", r => ((List<object>)r.Objects).Add(new V1Secret { Metadata = new V1ObjectMeta { Name = "batch-calling" } })),
        ["no gateway port"] = ("container ports", "base", r => Silo(r).Ports.Remove(Silo(r).Ports.Single(p => p.Name == "gateway"))),
        ["no POD_IP"] = ("pod IP from the downward API", "overlays/production", r => RemoveEnv(Silo(r), "POD_IP")),
        ["admin token inline"] = ("secrets from Secret batch-calling", "base", r => Gateway(r).Env.Single(e => e.Name == "Admin__Token").ValueFrom.SecretKeyRef.Name = "admin"),
        ["no dialer secret"] = ("secrets from Secret batch-calling", "overlays/production", r => RemoveEnv(Silo(r), "Dialer__Default__Secret")),
        ["no silo PDB"] = ("PodDisruptionBudget for the silos", "base", r => ((List<object>)r.Objects).RemoveAll(o => o is V1PodDisruptionBudget b && b.Metadata.Name == "batch-calling-silo")),
        ["PDB off the silos"] = ("PodDisruptionBudget for the silos", "overlays/production", r => r.Objects.OfType<V1PodDisruptionBudget>().Single(b => b.Metadata.Name == "batch-calling-silo").Spec.Selector.MatchLabels["app.kubernetes.io/component"] = "silos"),
        ["PDB maxUnavailable 2"] = ("PodDisruptionBudget for the silos", "base", r => r.Objects.OfType<V1PodDisruptionBudget>().Single(b => b.Metadata.Name == "batch-calling-silo").Spec.MaxUnavailable = "2"),
        ["replicas beside the HPA"] = ("HPAs on CPU own the replica counts", "base", r => SiloDeployment(r).Spec.Replicas = 3),
        ["production min 2"] = ("HPAs on CPU own the replica counts", "overlays/production", r => r.Objects.OfType<V2HorizontalPodAutoscaler>().Single(h => h.Metadata.Name == "batch-calling-silo").Spec.MinReplicas = 2),
        ["HPA on a renamed target"] = ("HPAs on CPU own the replica counts", "base", r => r.Objects.OfType<V2HorizontalPodAutoscaler>().Single(h => h.Metadata.Name == "batch-calling-gateway").Spec.ScaleTargetRef.Name = "gateway"),
        ["HPA on memory"] = ("HPAs on CPU own the replica counts", "base", r => r.Objects.OfType<V2HorizontalPodAutoscaler>().Single(h => h.Metadata.Name == "batch-calling-silo").Spec.Metrics[0].Resource.Name = "memory"),
        ["token mounted"] = ("service account without token", "base", r => r.Objects.OfType<V1ServiceAccount>().Single().AutomountServiceAccountToken = null),
        ["pod mounts token"] = ("service account without token", "overlays/production", r => SiloDeployment(r).Spec.Template.Spec.AutomountServiceAccountToken = true),
        ["a Role"] = ("service account without token", "base", r => ((List<object>)r.Objects).Add(new V1Role { Metadata = new V1ObjectMeta { Name = "pods" } })),
        ["Service to another port"] = ("gateway Service", "base", r => r.Objects.OfType<V1Service>().Single().Spec.Ports[0].TargetPort = "11111"),
        ["LoadBalancer"] = ("gateway Service", "overlays/production", r => r.Objects.OfType<V1Service>().Single().Spec.Type = "LoadBalancer"),
        ["private addresses in production"] = ("production settings", "overlays/production", r => r.Objects.OfType<V1ConfigMap>().Single().Data["Network__AllowPrivateAddresses"] = "true"),
        ["no public URL"] = ("production settings", "base", r => r.Objects.OfType<V1ConfigMap>().Single().Data.Remove("Gateway__PublicUrl")),
        ["podIP under podman"] = ("what podman kube play refuses", "overlays/podman", r => Silo(r).Env.Add(new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } })),
        ["secretKeyRef under podman"] = ("what podman kube play refuses", "overlays/podman/edge", r => Gateway(r).Env.Add(new V1EnvVar { Name = "Admin__Token", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Key = "admin-token", Name = "batch-calling" } } })),
        ["serviceAccountName under podman"] = ("what podman kube play refuses", "overlays/podman/silo-3", r => SiloDeployment(r).Spec.Template.Spec.ServiceAccountName = "batch-calling"),
        ["ports under podman"] = ("what podman kube play refuses", "overlays/podman", r => Silo(r).Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }]),
        ["a StatefulSet under podman"] = ("what podman kube play refuses", "overlays/podman", r => ((List<object>)r.Objects).Add(new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "silo" } })),
        ["two replicas under podman"] = ("one pod per Deployment under podman", "overlays/podman", r => SiloDeployment(r).Spec.Replicas = 2),
        ["a silo missing"] = ("one pod per Deployment under podman", "overlays/podman", r => ((List<object>)r.Objects).Remove(SiloDeployment(r))),
        ["a shared /tmp volume"] = ("one pod per Deployment under podman", "overlays/podman/silo-3", r =>
        {
            var spec = SiloDeployment(r).Spec.Template.Spec;
            spec.Volumes[0].Name = "tmp-silo-0";
            spec.Containers[0].VolumeMounts[0].Name = "tmp-silo-0";
        }),
        ["public addresses only under podman"] = ("podman settings and secrets", "overlays/podman", r => r.Objects.OfType<V1ConfigMap>().Single().Data["Network__AllowPrivateAddresses"] = "false"),
        ["no podman secret"] = ("podman settings and secrets", "overlays/podman/edge", r => Gateway(r).EnvFrom.RemoveAt(Gateway(r).EnvFrom.Count - 1)),
    };

    public static TheoryData<string> Cases() => new(Mutations.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_broken_rendering_is_caught(string mutation)
    {
        var (rule, overlay, breakIt) = Mutations[mutation];
        Assert.Empty(ManifestRules.Named(rule).Check(Rendering.Of(overlay)));
        var broken = Rendering.Of(overlay);
        breakIt(broken);
        Assert.NotEmpty(ManifestRules.Named(rule).Check(broken));
    }

    [Fact]
    public void Every_rule_has_a_mutation() =>
        Assert.All(ManifestRules.Rules, rule => Assert.Contains(Mutations.Values, m => m.Rule == rule.Name));
}
