using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BatchCalling.Testing;

/// <summary>
/// Starts a binary of this repository, built alongside these tests, with <c>dotnet</c> as a process of its own, and
/// appends all it writes to a log file: a restart appends below a marker line, so the log tells one run from the next.
/// </summary>
public static class ProcessLauncher
{
    /// <summary>The line written to a process's log before the process starts.</summary>
    public const string StartedMarker = "--- process started";

    /// <summary>Debug or Release: the binaries started are those built alongside these tests.</summary>
    private static readonly string Configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;

    /// <summary>Starts <paramref name="dll"/> of <paramref name="project"/> (a folder under the repository root), with these arguments and environment.</summary>
    public static Process Start(string logPath, string project, string dll, IEnumerable<string> args, IEnumerable<(string Name, string Value)> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var binary = Path.Combine(Repository.Root, project, "bin", Configuration, "net10.0", dll);
        info.ArgumentList.Add(File.Exists(binary) ? binary : throw new FileNotFoundException("Build the solution first.", binary));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        Append(log, StartedMarker);
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public static void Kill(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>A loopback port free now: the process given it binds it soon after.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
