using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace BatchCalling.UnitTests;

/// <summary>
/// Checks the Promela model of the attempt/slot protocol (src/Grains/Throttling/SlotProtocol.pml, explained in
/// SlotProtocol.md) with spin, exhaustively: every interleaving of two jobs, three contacts, the throttle and the
/// platform, under any one failure (a late exchange request among them). The protocol of record must keep every
/// property, and the recovery it replaces, like a throttle that applies late requests blindly, must be caught breaking
/// the ceiling, or a passing check would prove nothing. Needs spin and gcc; test.sh installs spin.
/// </summary>
public sealed partial class SlotProtocolModelTests(ITestOutputHelper output) : IDisposable
{
    private const string Model = "SlotProtocol.pml";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly string _dir = Directory.CreateTempSubdirectory("slot-protocol-").FullName;

    [Fact]
    public async Task The_protocol_dials_once_keeps_the_ceiling_and_ends_every_contact_under_any_one_failure()
    {
        // Depth first over every state; collapse compression keeps the ~14 million states near 1.2 GB.
        var check = await CheckAsync([], ["-DCOLLAPSE", "-DMEMLIM=4096"], ["-m200000", "-w26"]);

        Assert.True(check.Errors == 0, "spin found a run that breaks a property:\n" + check.Output + await TrailAsync([]));
        // A search cut short reports no errors too.
        Assert.DoesNotContain("Search not completed", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("max search depth too small", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("out of memory", check.Output, StringComparison.Ordinal);
        Assert.True(check.States > 1_000_000, $"only {check.States} states were explored:\n{check.Output}");
    }

    [Fact]
    public async Task With_one_attempt_per_contact_the_protocol_survives_any_two_failures()
    {
        string[] macros = ["-DATTEMPTS=1", "-DFAILURES=2"];
        var check = await CheckAsync(macros, ["-DCOLLAPSE", "-DMEMLIM=4096"], ["-m200000", "-w26"]);

        Assert.True(check.Errors == 0, "spin found a run that breaks a property:\n" + check.Output + await TrailAsync(macros));
        Assert.DoesNotContain("Search not completed", check.Output, StringComparison.Ordinal);
        Assert.True(check.States > 1_000_000, $"only {check.States} states were explored:\n{check.Output}");
    }

    /// <summary>
    /// What the protocol replaced, and each refinement taken out, is caught breaking the ceiling, or a passing check would
    /// prove nothing: the recovery before issue 9; a throttle applying a late exchange blindly (no SlotRequest.SentAt); a
    /// restored lease taking a request held up while the throttle was down (a throttle failure and a late delivery).
    /// </summary>
    [Theory]
    [InlineData("-DOLD_RECOVERY")]
    [InlineData("-DNO_SENT_AT")]
    [InlineData("-DNO_RESTORE_STAMP -DATTEMPTS=1 -DFAILURES=2")]
    public async Task What_the_protocol_guards_against_is_caught_breaking_the_ceiling(string macros)
    {
        string[] defines = macros.Split(' ');
        // Breadth first, so the run spin reports is one of the shortest.
        var check = await CheckAsync(defines, ["-DBFS"], []);

        Assert.True(check.Errors > 0, $"spin found nothing wrong with {macros}, which breaks the ceiling:\n" + check.Output);
        Assert.Contains("assertion violated (live<=2)", check.Output, StringComparison.Ordinal);
        var trail = await TrailAsync(defines);
        output.WriteLine("The run that breaks the ceiling:\n" + trail);
        Assert.Contains("3 calls live", trail, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Generates the verifier for the model with these macros, compiles it and runs it in the test's directory.</summary>
    private async Task<Check> CheckAsync(string[] macros, string[] compile, string[] run)
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Throttling", Model), Path.Combine(_dir, Model));
        var watch = Stopwatch.StartNew();
        await RunAsync("spin", [.. macros, "-a", Model], mustSucceed: true);
        // -w: the generated pan.c draws warnings that say nothing about the model.
        await RunAsync("gcc", ["-O2", "-w", "-DSAFETY", .. compile, "-o", "pan", "pan.c"], mustSucceed: true);
        var verification = await RunAsync(Path.Combine(_dir, "pan"), run, mustSucceed: false);

        var check = new Check(
            int.Parse(Errors().Match(verification).Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(States().Match(verification).Groups[1].Value, CultureInfo.InvariantCulture),
            verification);
        output.WriteLine($"spin {string.Join(' ', [.. macros, Model])}: {check.States} states stored, errors: {check.Errors}, " +
            $"{watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s with generation and compilation");
        return check;
    }

    /// <summary>The run spin wrote for a violation, replayed: the model's MSC lines tell it step by step.</summary>
    private async Task<string> TrailAsync(string[] macros)
    {
        if (!File.Exists(Path.Combine(_dir, Model + ".trail")))
        {
            return "";
        }

        var replay = await RunAsync("spin", [.. macros, "-t", Model], mustSucceed: false);
        return string.Join('\n', replay.Split('\n')
            .Where(line => line.Contains("MSC:", StringComparison.Ordinal) || line.Contains("assertion violated", StringComparison.Ordinal))
            .Select(line => line.Trim()));
    }

    private async Task<string> RunAsync(string file, string[] arguments, bool mustSucceed)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"{file} could not be started ({ex.Message}): the model check needs spin and gcc. " +
                "./test.sh installs spin; by hand: sudo apt-get install -y spin");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within {Limit.TotalMinutes} minutes");
            }

            var text = await stdout + await stderr;
            Assert.True(!mustSucceed || process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
            return text;
        }
    }

    [GeneratedRegex(@"errors: (\d+)")]
    private static partial Regex Errors();

    [GeneratedRegex(@"(\d+) states, stored")]
    private static partial Regex States();

    private sealed record Check(int Errors, long States, string Output);
}
