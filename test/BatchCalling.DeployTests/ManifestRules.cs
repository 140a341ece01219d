using System.Globalization;
using k8s.Models;

namespace BatchCalling.DeployTests;

/// <summary>One invariant of the manifests: the violations it finds in a rendering (none: it holds).</summary>
public sealed record Rule(string Name, Func<Rendering, bool> AppliesTo, Func<Rendering, IEnumerable<string>> Check)
{
    public override string ToString() => Name;
}

/// <summary>
/// The invariants of deploy/k8s (the container contract in deploy/README.md). Each is proven able to fail by
/// <see cref="RuleMutationTests"/>.
/// </summary>
public static class ManifestRules
{
    /// <summary>Every kustomization under deploy/k8s that is applied or played.</summary>
    public static readonly string[] Overlays =
        ["base", "overlays/production", "overlays/podman", "overlays/podman/edge", "overlays/podman/silo-3"];

    private const int HttpPort = 8080;
    private const int UserId = 10001;
    private const string SecretName = "batch-calling";

    private static readonly Func<Rendering, bool> All = _ => true;
    private static readonly Func<Rendering, bool> Kubernetes = r => !r.IsPodman;
    private static readonly Func<Rendering, bool> Podman = r => r.IsPodman;

    public static readonly Rule[] Rules =
    [
        new("Orleans processes present", All, OrleansProcessesPresent),
        new("images pinned", All, ImagesPinned),
        new("resources set", All, ResourcesSet),
        new("non-root and read-only root", All, NonRootReadOnly),
        new("health probes", All, HealthProbes),
        new("silo grace period above 60 s", All, SiloGracePeriod),
        new("rolling update with maxUnavailable 0", All, RollingUpdate),
        new("Orleans id labels and env", All, OrleansIdentity),
        new("selectors match pod labels", All, SelectorsMatchTemplates),
        new("ConfigMap references resolve", All, ConfigMapReferencesResolve),
        new("no secret values", All, NoSecretValues),
        new("container ports", Kubernetes, ContainerPorts),
        new("pod IP from the downward API", Kubernetes, PodIpFromDownwardApi),
        new("secrets from Secret batch-calling", Kubernetes, SecretReferences),
        new("PodDisruptionBudget for the silos", Kubernetes, SiloDisruptionBudget),
        new("HPAs on CPU own the replica counts", Kubernetes, Autoscaling),
        new("service account without token", Kubernetes, ServiceAccount),
        new("gateway Service", Kubernetes, GatewayService),
        new("production settings", Kubernetes, ProductionSettings),
        new("what podman kube play refuses", Podman, PodmanRefusals),
        new("one pod per Deployment under podman", Podman, PodmanOnePodEach),
        new("podman settings and secrets", Podman, PodmanSettings),
    ];

    public static Rule Named(string name) => Rules.Single(r => r.Name == name);

    private static IEnumerable<V1Container> ContainersOf(V1Deployment d) =>
        d.Spec.Template.Spec.Containers.Concat(d.Spec.Template.Spec.InitContainers ?? []);

    private static IEnumerable<(V1Deployment Deployment, V1Container Container)> Containers(Rendering r) =>
        r.Deployments.SelectMany(d => ContainersOf(d).Select(c => (d, c)));

    private static string Where(V1Deployment d, V1Container? c = null) =>
        c is null ? $"Deployment {d.Metadata.Name}" : $"Deployment {d.Metadata.Name}, container {c.Name}";

    private static V1EnvVar? Env(V1Container c, string name) => c.Env?.SingleOrDefault(e => e.Name == name);

    private static string? FieldPath(V1Container c, string name) => Env(c, name)?.ValueFrom?.FieldRef?.FieldPath;

    private static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    private static IEnumerable<string> OrleansProcessesPresent(Rendering r)
    {
        // Every kustomization runs silos, gateways or both; the full ones (base, production) run both.
        if (!r.OrleansProcesses.Any())
        {
            yield return "no silo or gateway Deployment";
        }

        if (r.Overlay is "base" or "overlays/production" && (!r.Silos.Any() || !r.Gateways.Any()))
        {
            yield return "a silo Deployment and a gateway Deployment are both needed";
        }

        if (r.Overlay == "overlays/podman/edge" && !r.Deployments.Any(d => Rendering.Component(d) == "platform"))
        {
            yield return "no simulated platform Deployment";
        }
    }

    private static IEnumerable<string> ImagesPinned(Rendering r)
    {
        foreach (var (d, c) in Containers(r))
        {
            var image = c.Image ?? "";
            var name = image.Split('@')[0];
            var slash = name.LastIndexOf('/');
            var colon = name.LastIndexOf(':');
            var tag = colon > slash ? name[(colon + 1)..] : null;
            if (!image.Contains('@', StringComparison.Ordinal) && (tag is null or "" or "latest"))
            {
                yield return $"{Where(d, c)}: image '{image}' is not pinned to a version";
            }
        }
    }

    private static IEnumerable<string> ResourcesSet(Rendering r)
    {
        foreach (var (d, c) in Containers(r))
        {
            foreach (var (kind, list) in new[] { ("requests", c.Resources?.Requests), ("limits", c.Resources?.Limits) })
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    if (list is null || !list.ContainsKey(resource))
                    {
                        yield return $"{Where(d, c)}: no {resource} in resources.{kind}";
                    }
                }
            }
        }
    }

    private static IEnumerable<string> NonRootReadOnly(Rendering r)
    {
        foreach (var (d, c) in Containers(r))
        {
            var pod = d.Spec.Template.Spec.SecurityContext;
            var own = c.SecurityContext;
            if ((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) != true)
            {
                yield return $"{Where(d, c)}: runAsNonRoot is not true";
            }

            if ((own?.RunAsUser ?? pod?.RunAsUser) != UserId)
            {
                yield return $"{Where(d, c)}: runAsUser is not {UserId}";
            }

            if (own?.ReadOnlyRootFilesystem != true)
            {
                yield return $"{Where(d, c)}: readOnlyRootFilesystem is not true";
            }

            if (own?.AllowPrivilegeEscalation != false)
            {
                yield return $"{Where(d, c)}: allowPrivilegeEscalation is not false";
            }

            if (own?.Capabilities?.Drop?.Contains("ALL") != true || own.Capabilities.Add is { Count: > 0 })
            {
                yield return $"{Where(d, c)}: capabilities do not drop ALL (and add none)";
            }

            if ((own?.SeccompProfile ?? pod?.SeccompProfile)?.Type != "RuntimeDefault")
            {
                yield return $"{Where(d, c)}: seccomp profile is not RuntimeDefault";
            }

            var tmp = c.VolumeMounts?.SingleOrDefault(m => m.MountPath == "/tmp");
            var volume = d.Spec.Template.Spec.Volumes?.SingleOrDefault(v => v.Name == tmp?.Name);
            if (tmp is null || volume?.EmptyDir is null)
            {
                yield return $"{Where(d, c)}: /tmp is not an emptyDir volume (the root filesystem is read-only)";
            }
        }
    }

    /// <summary>The port a probe reaches: a number, or a container port's name.</summary>
    private static int? ProbePort(V1Container c, V1HTTPGetAction get) =>
        int.TryParse(get.Port.Value, out var number) ? number : c.Ports?.SingleOrDefault(p => p.Name == get.Port.Value)?.ContainerPort;

    private static IEnumerable<string> Probe(V1Deployment d, V1Container c, string kind, V1Probe? probe, string path)
    {
        if (probe?.HttpGet is not { } get)
        {
            yield return $"{Where(d, c)}: no HTTP {kind} probe";
            yield break;
        }

        if (get.Path != path)
        {
            yield return $"{Where(d, c)}: {kind} probe on {get.Path}, not {path}";
        }

        if (ProbePort(c, get) != HttpPort)
        {
            yield return $"{Where(d, c)}: {kind} probe port '{get.Port.Value}' is not the HTTP port {HttpPort}";
        }
    }

    private static IEnumerable<string> HealthProbes(Rendering r)
    {
        foreach (var (d, c) in Containers(r))
        {
            var problems = Rendering.Component(d) switch
            {
                "silo" or "gateway" => Probe(d, c, "readiness", c.ReadinessProbe, "/health/ready")
                    .Concat(Probe(d, c, "liveness", c.LivenessProbe, "/health/live"))
                    .Concat(Probe(d, c, "startup", c.StartupProbe, "/health/live")),
                // The simulated platform serves /health only.
                "platform" => Probe(d, c, "readiness", c.ReadinessProbe, "/health").Concat(Probe(d, c, "liveness", c.LivenessProbe, "/health")),
                var other => [$"{Where(d, c)}: unknown component '{other}'"],
            };
            foreach (var problem in problems)
            {
                yield return problem;
            }

            // A slow start (schema migration, joining the cluster) must not be killed by the liveness probe.
            if (c.StartupProbe is { } startup && (startup.FailureThreshold ?? 3) * (startup.PeriodSeconds ?? 10) < 60)
            {
                yield return $"{Where(d, c)}: the startup probe allows less than 60 s";
            }
        }
    }

    private static IEnumerable<string> SiloGracePeriod(Rendering r) =>
        r.Silos.Where(d => !(d.Spec.Template.Spec.TerminationGracePeriodSeconds > 60))
            .Select(d => $"{Where(d)}: terminationGracePeriodSeconds {d.Spec.Template.Spec.TerminationGracePeriodSeconds?.ToString(CultureInfo.InvariantCulture) ?? "unset (30)"} is not above the silo's 60 s shutdown");

    private static IEnumerable<string> RollingUpdate(Rendering r) =>
        r.OrleansProcesses.Where(d => d.Spec.Strategy?.Type != "RollingUpdate" || d.Spec.Strategy.RollingUpdate?.MaxUnavailable?.Value != "0")
            .Select(d => $"{Where(d)}: not a rolling update with maxUnavailable 0");

    private static IEnumerable<string> OrleansIdentity(Rendering r)
    {
        foreach (var d in r.OrleansProcesses)
        {
            var labels = d.Spec.Template.Metadata.Labels;
            foreach (var (label, variable) in new[] { ("orleans/serviceId", "ORLEANS_SERVICE_ID"), ("orleans/clusterId", "ORLEANS_CLUSTER_ID") })
            {
                if (labels?.TryGetValue(label, out var value) != true || string.IsNullOrWhiteSpace(value))
                {
                    yield return $"{Where(d)}: no {label} label on the pod template";
                }

                if (d.Spec.Selector.MatchLabels?.ContainsKey(label) == true)
                {
                    yield return $"{Where(d)}: {label} is in the selector, which cannot change";
                }

                var c = d.Spec.Template.Spec.Containers[0];
                if (FieldPath(c, variable) != $"metadata.labels['{label}']")
                {
                    yield return $"{Where(d, c)}: {variable} does not read the pod label {label}";
                }
            }
        }

        foreach (var d in r.Silos)
        {
            var c = d.Spec.Template.Spec.Containers[0];
            if (FieldPath(c, "POD_NAME") != "metadata.name")
            {
                yield return $"{Where(d, c)}: POD_NAME does not read metadata.name";
            }
        }
    }

    private static IEnumerable<string> SelectorsMatchTemplates(Rendering r) =>
        r.Deployments.Where(d => !Matches(d.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels))
            .Select(d => $"{Where(d)}: the selector does not match the pod template's labels");

    private static IEnumerable<string> ConfigMapReferencesResolve(Rendering r)
    {
        var maps = r.Objects.OfType<V1ConfigMap>().Select(m => m.Metadata.Name).ToHashSet();
        // Given at play time (podman kube play --configmap): the gateway's and the platform's pod addresses.
        if (r.IsPodman)
        {
            maps.Add("batch-calling-addresses");
        }

        foreach (var (d, c) in Containers(r))
        {
            var names = (c.EnvFrom ?? []).Select(e => e.ConfigMapRef?.Name)
                .Concat((c.Env ?? []).Select(e => e.ValueFrom?.ConfigMapKeyRef?.Name))
                .OfType<string>();
            foreach (var name in names.Where(n => !maps.Contains(n)))
            {
                yield return $"{Where(d, c)}: ConfigMap {name} is not in the rendering";
            }
        }
    }

    private static IEnumerable<string> NoSecretValues(Rendering r) =>
        r.Objects.OfType<V1Secret>().Select(s => $"Secret {s.Metadata.Name} is shipped: secrets are created by hand (deploy/README.md)");

    private static IEnumerable<string> ContainerPorts(Rendering r)
    {
        var expected = new Dictionary<string, (string Name, int Port)[]>
        {
            ["silo"] = [("silo", 11111), ("gateway", 30000), ("http", HttpPort)],
            ["gateway"] = [("http", HttpPort)],
        };
        foreach (var d in r.OrleansProcesses)
        {
            var c = d.Spec.Template.Spec.Containers[0];
            var ports = (c.Ports ?? []).Select(p => (p.Name, p.ContainerPort)).OrderBy(p => p.ContainerPort);
            if (!ports.SequenceEqual(expected[Rendering.Component(d)!].OrderBy(p => p.Port)))
            {
                yield return $"{Where(d, c)}: ports {string.Join(", ", ports)} are not {string.Join(", ", expected[Rendering.Component(d)!])}";
            }
        }
    }

    private static IEnumerable<string> PodIpFromDownwardApi(Rendering r) =>
        r.Silos.Select(d => d.Spec.Template.Spec.Containers[0])
            .Where(c => FieldPath(c, "POD_IP") != "status.podIP")
            .Select(c => $"silo container {c.Name}: POD_IP does not read status.podIP");

    private static IEnumerable<string> SecretReferences(Rendering r)
    {
        var expected = new Dictionary<string, (string Variable, string Key)[]>
        {
            ["silo"] = [("ConnectionStrings__Postgres", "postgres"), ("ConnectionStrings__Redis", "redis"), ("Dialer__Default__Secret", "dialer-secret")],
            ["gateway"] = [("ConnectionStrings__Postgres", "postgres"), ("ConnectionStrings__Redis", "redis"), ("Admin__Token", "admin-token")],
        };
        foreach (var d in r.OrleansProcesses)
        {
            var c = d.Spec.Template.Spec.Containers[0];
            foreach (var (variable, key) in expected[Rendering.Component(d)!])
            {
                var reference = Env(c, variable)?.ValueFrom?.SecretKeyRef;
                if (reference?.Name != SecretName || reference.Key != key || reference.Optional == true)
                {
                    yield return $"{Where(d, c)}: {variable} is not read from Secret {SecretName}, key {key}";
                }
            }
        }
    }

    private static IEnumerable<string> SiloDisruptionBudget(Rendering r)
    {
        var silo = r.Silos.FirstOrDefault();
        var budgets = r.Objects.OfType<V1PodDisruptionBudget>()
            .Where(b => silo is not null && Matches(b.Spec.Selector?.MatchLabels, silo.Spec.Template.Metadata.Labels)).ToList();
        if (budgets.Count != 1)
        {
            yield return $"{budgets.Count} PodDisruptionBudgets select the silo pods, not 1";
        }
        else if (budgets[0].Spec.MaxUnavailable?.Value != "1" || budgets[0].Spec.MinAvailable is not null)
        {
            yield return $"PodDisruptionBudget {budgets[0].Metadata.Name}: not maxUnavailable 1";
        }
    }

    private static IEnumerable<string> Autoscaling(Rendering r)
    {
        var autoscalers = r.Objects.OfType<V2HorizontalPodAutoscaler>().ToList();
        foreach (var d in r.OrleansProcesses)
        {
            // Production keeps 3 silos at least (deploy/README.md, "Decisions"); 2 of anything elsewhere.
            var minimum = r.Overlay == "overlays/production" && Rendering.Component(d) == "silo" ? 3 : 2;
            var hpa = autoscalers.SingleOrDefault(h => h.Spec.ScaleTargetRef is { Kind: "Deployment", ApiVersion: "apps/v1" } target && target.Name == d.Metadata.Name);
            if (hpa is null)
            {
                yield return $"{Where(d)}: no autoscaling/v2 HorizontalPodAutoscaler targets it";
                continue;
            }

            if (d.Spec.Replicas is not null)
            {
                yield return $"{Where(d)}: sets replicas, which every apply would reset under its HPA";
            }

            if (!(hpa.Spec.MinReplicas >= minimum) || hpa.Spec.MaxReplicas < hpa.Spec.MinReplicas)
            {
                yield return $"HPA {hpa.Metadata.Name}: minReplicas {hpa.Spec.MinReplicas} is below {minimum} (or above maxReplicas)";
            }

            if (!hpa.Spec.Metrics.Any(m => m is { Type: "Resource", Resource.Name: "cpu", Resource.Target.Type: "Utilization" }))
            {
                yield return $"HPA {hpa.Metadata.Name}: does not scale on CPU utilization";
            }
        }
    }

    private static IEnumerable<string> ServiceAccount(Rendering r)
    {
        var accounts = r.Objects.OfType<V1ServiceAccount>().ToDictionary(a => a.Metadata.Name);
        foreach (var d in r.OrleansProcesses)
        {
            var spec = d.Spec.Template.Spec;
            if (spec.ServiceAccountName is not { } name || !accounts.TryGetValue(name, out var account))
            {
                yield return $"{Where(d)}: its service account '{spec.ServiceAccountName}' is not in the rendering";
            }
            else if (account.AutomountServiceAccountToken != false)
            {
                yield return $"ServiceAccount {name}: automountServiceAccountToken is not false";
            }

            if (spec.AutomountServiceAccountToken != false)
            {
                yield return $"{Where(d)}: automountServiceAccountToken is not false";
            }
        }

        if (r.Objects.Any(o => o is V1Role or V1ClusterRole or V1RoleBinding or V1ClusterRoleBinding))
        {
            yield return "an RBAC object is shipped: nothing here talks to the Kubernetes API";
        }
    }

    private static IEnumerable<string> GatewayService(Rendering r)
    {
        var gateway = r.Gateways.Single();
        var services = r.Objects.OfType<V1Service>().Where(s => Matches(s.Spec.Selector, gateway.Spec.Template.Metadata.Labels)).ToList();
        if (services.Count != 1)
        {
            yield return $"{services.Count} Services select the gateway pods, not 1";
            yield break;
        }

        var service = services[0];
        if (service.Spec.Type is not (null or "ClusterIP"))
        {
            yield return $"Service {service.Metadata.Name}: type {service.Spec.Type}, not ClusterIP";
        }

        var port = service.Spec.Ports.SingleOrDefault();
        var container = gateway.Spec.Template.Spec.Containers[0];
        var target = port is null ? null : int.TryParse(port.TargetPort?.Value, out var n) ? n : container.Ports?.SingleOrDefault(p => p.Name == port.TargetPort?.Value)?.ContainerPort;
        if (port?.Port != 80 || target != HttpPort)
        {
            yield return $"Service {service.Metadata.Name}: does not map port 80 to the gateway's {HttpPort}";
        }
    }

    private static IEnumerable<string> ProductionSettings(Rendering r)
    {
        var data = r.Objects.OfType<V1ConfigMap>().SingleOrDefault(m => m.Metadata.Name.StartsWith("batch-calling-", StringComparison.Ordinal))?.Data;
        var expected = new Dictionary<string, string>
        {
            ["Profile"] = "Production",
            ["Network__AllowPrivateAddresses"] = "false",
            ["Demo__Enabled"] = "false",
        };
        foreach (var (key, value) in expected)
        {
            if (data?.TryGetValue(key, out var actual) != true || actual != value)
            {
                yield return $"ConfigMap batch-calling: {key} is not '{value}'";
            }
        }

        foreach (var key in new[] { "Gateway__PublicUrl", "Dialer__Default__Type", "Dialer__Default__Url" })
        {
            if (data?.TryGetValue(key, out var actual) != true || string.IsNullOrWhiteSpace(actual))
            {
                yield return $"ConfigMap batch-calling: no {key}";
            }
        }
    }

    private static IEnumerable<string> PodmanRefusals(Rendering r)
    {
        string[] refusedFields = ["status.podIP", "status.hostIP", "spec.nodeName", "metadata.namespace"];
        foreach (var (d, c) in Containers(r))
        {
            foreach (var e in c.Env ?? [])
            {
                if (e.ValueFrom?.FieldRef?.FieldPath is { } path && refusedFields.Contains(path))
                {
                    yield return $"{Where(d, c)}: {e.Name} reads {path}, which podman kube play refuses";
                }

                if (e.ValueFrom?.SecretKeyRef is not null)
                {
                    yield return $"{Where(d, c)}: {e.Name} has a secretKeyRef (a Kubernetes Secret): use envFrom of a podman secret";
                }
            }

            if (c.Ports is { Count: > 0 })
            {
                yield return $"{Where(d, c)}: has container ports, which podman publishes on the host (a second pod collides)";
            }
        }

        foreach (var d in r.Deployments.Where(d => d.Spec.Template.Spec.ServiceAccountName is not null || d.Spec.Template.Spec.ServiceAccount is not null))
        {
            yield return $"{Where(d)}: names a service account, which podman kube play refuses";
        }

        foreach (var o in r.Objects.Where(o => o is V1StatefulSet or V1DaemonSet or V1Job))
        {
            yield return $"{o.GetType().Name}: a kind podman kube play refuses";
        }
    }

    private static IEnumerable<string> PodmanOnePodEach(Rendering r)
    {
        foreach (var d in r.Deployments.Where(d => d.Spec.Replicas != 1))
        {
            yield return $"{Where(d)}: replicas {d.Spec.Replicas?.ToString(CultureInfo.InvariantCulture) ?? "unset"}, not 1 (podman 4.3 plays one pod per Deployment)";
        }

        var silos = r.Overlay switch
        {
            "overlays/podman" => new[] { "batch-calling-silo-0", "batch-calling-silo-1", "batch-calling-silo-2" },
            "overlays/podman/silo-3" => ["batch-calling-silo-3"],
            _ => [],
        };
        var names = r.Silos.Select(d => d.Metadata.Name).Order().ToArray();
        if (!names.SequenceEqual(silos))
        {
            yield return $"silo Deployments {string.Join(", ", names)}, not {string.Join(", ", silos)}";
        }

        // Podman 4.3 makes an emptyDir a named volume, shared by every pod that names it alike.
        var volumes = ManifestRulesPodman.VolumeNames(r);
        foreach (var shared in volumes.GroupBy(v => v.Volume).Where(g => g.Count() > 1 || g.Key == "tmp"))
        {
            yield return $"volume '{shared.Key}' of {string.Join(", ", shared.Select(v => v.Deployment))}: podman shares it between pods";
        }
    }

    private static IEnumerable<string> PodmanSettings(Rendering r)
    {
        var data = r.Objects.OfType<V1ConfigMap>().SingleOrDefault(m => m.Metadata.Name.StartsWith("batch-calling-", StringComparison.Ordinal))?.Data;
        if (data?.TryGetValue("Network__AllowPrivateAddresses", out var allow) != true || allow != "true")
        {
            yield return "ConfigMap batch-calling: Network__AllowPrivateAddresses is not 'true' (the platform and gateway are pods on a private network)";
        }

        if (data?.TryGetValue("Profile", out var profile) != true || profile != "Production")
        {
            yield return "ConfigMap batch-calling: Profile is not 'Production'";
        }

        foreach (var (d, c) in Containers(r))
        {
            var secret = $"batch-calling-{Rendering.Component(d)}";
            if (c.EnvFrom?.Any(e => e.SecretRef?.Name == secret && e.SecretRef.Optional != true) != true)
            {
                yield return $"{Where(d, c)}: does not take its secrets from the podman secret {secret} (envFrom secretRef)";
            }
        }
    }
}

/// <summary>Volume names across the podman renderings, which run side by side.</summary>
internal static class ManifestRulesPodman
{
    public static IEnumerable<(string Deployment, string Volume)> VolumeNames(Rendering r) =>
        ManifestRules.Overlays.Where(o => o.StartsWith("overlays/podman", StringComparison.Ordinal))
            .SelectMany(o => o == r.Overlay ? r.Deployments : Rendering.Of(o).Deployments)
            .SelectMany(d => (d.Spec.Template.Spec.Volumes ?? []).Select(v => (d.Metadata.Name, v.Name)));
}
