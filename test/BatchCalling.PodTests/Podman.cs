using System.Diagnostics;
using System.Text;

using BatchCalling.Testing;

namespace BatchCalling.PodTests;

/// <summary>
/// podman, kubectl and the deploy scripts, run as processes with podman's own configuration and storage
/// (deploy/podman/env.sh: <c>CONTAINERS_CONF</c>, <c>CONTAINERS_STORAGE_CONF</c> under <c>BATCH_PODMAN_DIR</c>).
/// </summary>
public static class Podman
{
    private static readonly Lazy<(string Conf, string Storage)> Environment = new(() =>
    {
        var (code, output, errors) = RunRaw("bash", ["-c", ". deploy/podman/env.sh >/dev/null && printf '%s\\n%s\\n' \"$CONTAINERS_CONF\" \"$CONTAINERS_STORAGE_CONF\""],
            TimeSpan.FromSeconds(30), null, podmanEnvironment: false);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return code == 0 && lines.Length == 2 ? (lines[0], lines[1]) : throw new InvalidOperationException("deploy/podman/env.sh failed: " + errors);
    });

    /// <summary>Why podman cannot run pods on this machine, or null when it can: the reason a skip prints.</summary>
    public static string? WhyNot()
    {
        try
        {
            foreach (var tool in new[] { "podman", "kubectl" })
            {
                if (RunRaw("sh", ["-c", $"command -v {tool}"], TimeSpan.FromSeconds(10), null, podmanEnvironment: false).Code != 0)
                {
                    return $"{tool} is not installed (./test.sh installs podman with deploy/podman/install.sh; kubectl comes with the machine)";
                }
            }

            var (code, _, errors) = RunRaw("podman", ["info", "--format", "{{.Host.OCIRuntime.Name}}"], TimeSpan.FromSeconds(60), null, podmanEnvironment: true);
            return code == 0 ? null : $"podman info failed ({code}): {errors.Trim()}";
        }
        catch (Exception e)
        {
            return "podman cannot run: " + e.Message;
        }
    }

    /// <summary>Runs podman with <paramref name="args"/>, failing with what it said when it fails; answers its output.</summary>
    public static string Run(params string[] args) => Check("podman", args, TimeSpan.FromMinutes(2), null);

    /// <summary>Runs podman, answering whether it succeeded: for clean-ups of what may not exist.</summary>
    public static bool TryRun(params string[] args) => RunRaw("podman", args, TimeSpan.FromMinutes(2), null, podmanEnvironment: true).Code == 0;

    /// <summary>Runs <paramref name="file"/> (from the repository's root) with podman's environment, failing when it fails.</summary>
    public static string Check(string file, string[] args, TimeSpan timeout, string? input)
    {
        var (code, output, errors) = RunRaw(file, args, timeout, input, podmanEnvironment: true);
        return code == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {code}: {errors}{output}");
    }

    /// <summary>The pod's address on the podman network (its infra container's).</summary>
    public static string PodIp(string pod)
    {
        var infra = Run("pod", "inspect", pod, "--format", "{{.InfraContainerID}}").Trim();
        return Run("inspect", infra, "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}").Trim();
    }

    public static (int Code, string Output, string Errors) RunRaw(string file, string[] args, TimeSpan timeout, string? input, bool podmanEnvironment)
    {
        // A script of the repository by its path from the root; a tool by its name.
        var info = new ProcessStartInfo(file.Contains('/', StringComparison.Ordinal) ? Path.Combine(Repository.Root, file) : file)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (podmanEnvironment)
        {
            info.Environment["CONTAINERS_CONF"] = Environment.Value.Conf;
            info.Environment["CONTAINERS_STORAGE_CONF"] = Environment.Value.Storage;
        }

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, output.ToString(), $"timed out after {timeout.TotalSeconds} s; " + errors);
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString(), errors.ToString());
    }
}
