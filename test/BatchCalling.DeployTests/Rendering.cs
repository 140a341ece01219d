using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using k8s;
using k8s.Models;

namespace BatchCalling.DeployTests;

/// <summary>
/// One kustomization under deploy/k8s rendered by <c>kubectl kustomize</c> and loaded into typed models (strict: a field
/// Kubernetes does not know fails the load).
/// </summary>
public sealed class Rendering
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Yaml = new();

    private Rendering(string overlay, IReadOnlyList<object> objects) => (Overlay, Objects) = (overlay, objects);

    /// <summary>The kustomization, relative to deploy/k8s: <c>base</c>, <c>overlays/production</c>, ….</summary>
    public string Overlay { get; }

    public IReadOnlyList<object> Objects { get; }

    public bool IsPodman => Overlay.StartsWith("overlays/podman", StringComparison.Ordinal);

    public IEnumerable<V1Deployment> Deployments => Objects.OfType<V1Deployment>();

    public IEnumerable<V1Deployment> Silos => Deployments.Where(d => Component(d) == "silo");

    public IEnumerable<V1Deployment> Gateways => Deployments.Where(d => Component(d) == "gateway");

    /// <summary>The silo and gateway Deployments: the Orleans processes.</summary>
    public IEnumerable<V1Deployment> OrleansProcesses => Silos.Concat(Gateways);

    public static string? Component(V1Deployment d) =>
        d.Spec.Template.Metadata?.Labels?.TryGetValue("app.kubernetes.io/component", out var c) == true ? c : null;

    /// <summary>The rendering, loaded afresh (callers may change the objects); the YAML is rendered once per run.</summary>
    public static Rendering Of(string overlay)
    {
        var yaml = Yaml.GetOrAdd(overlay, o => new Lazy<string>(() => Kustomize(o))).Value;
        return new Rendering(overlay, KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));
    }

    /// <summary>deploy/k8s of this repository, or <c>BATCH_K8S_DIR</c> (to check a changed copy).</summary>
    public static string K8sDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("BATCH_K8S_DIR") is { Length: > 0 } configured)
            {
                return configured;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orleans.Batch.sln")))
                {
                    return Path.Combine(dir.FullName, "deploy", "k8s");
                }
            }

            throw new InvalidOperationException($"No Orleans.Batch.sln above {AppContext.BaseDirectory}: set BATCH_K8S_DIR to deploy/k8s.");
        }
    }

    private static string Kustomize(string overlay) =>
        Kustomize(overlay, Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } k ? k : "kubectl");

    /// <summary>The YAML <c>kubectl kustomize</c> renders; a missing kubectl is an error that says so, never a skip.</summary>
    internal static string Kustomize(string overlay, string kubectl)
    {
        var start = new ProcessStartInfo(kubectl)
        {
            ArgumentList = { "kustomize", Path.Combine(K8sDirectory, overlay) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{kubectl} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"kubectl is needed to render deploy/k8s ('{kubectl}' could not be run: {e.Message}). Install kubectl 1.27 or " +
                "later (it carries kustomize v5), or set KUBECTL to its path.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize {overlay} took over 60 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl kustomize {overlay} failed ({process.ExitCode}): {stderr.Result}");
            }

            return stdout.Result;
        }
    }
}
