using System.Diagnostics;
using System.Globalization;

namespace BatchCalling.Testing;

/// <summary>
/// The simulated voice platform (tools/SimulatedPlatform) as a process of its own on a loopback port, against the
/// PostgreSQL that ./test.sh started; it can be killed with SIGKILL and started again on the same port.
/// </summary>
public sealed class PlatformProcess(params (string Name, string Value)[] settings) : IAsyncLifetime
{
    /// <summary>The Standard Webhooks secret the platform signs and verifies with: 32 bytes, base64.</summary>
    public const string Secret = "whsec_c2ltdWxhdGVkLXBsYXRmb3JtLXRlc3Qtc2VjcmV0ISE=";

    /// <summary>The account its Twilio subset answers to, and the auth token that authenticates it and signs its callbacks.</summary>
    public const string TwilioAccountSid = "AC5e1f0a7c0ffee0ddba11ab1e5ca1ab1e";

    public const string TwilioAuthToken = "5eedc0de5eedc0de5eedc0de5eedc0de";

    /// <summary>
    /// Numbers whose calls on the Twilio subset go as scripted (a Twilio dial carries no contact fields): the outcome of every
    /// attempt, and how the call misbehaves. Calls to other numbers follow the platform's weights.
    /// </summary>
    public static IReadOnlyList<(string Number, string Outcomes, string? Behaviour)> TwilioScripts { get; } =
    [
        ("+12025550181", "completed", null),
        ("+12025550182", "no_answer", null),
        ("+12025550183", "busy", null),
        ("+12025550184", "voicemail", null),
        // The dial's answer is lost (500 after placing): the dialer must find the call by its numbers, and never dial it again.
        ("+12025550185", "busy", "error_after_place"),
    ];

    private readonly string _log = Path.Combine(Directory.CreateTempSubdirectory("batch-platform-").FullName, "platform.log");
    private readonly int _port = ProcessLauncher.FreePort();
    private Process? _process;

    public Uri BaseAddress => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Where the platform's log is, for a failure to point at.</summary>
    public string LogPath => _log;

    public Task InitializeAsync() => Start();

    public Task DisposeAsync()
    {
        Kill();
        return Task.CompletedTask;
    }

    /// <summary>Starts the platform (again, after <see cref="Kill"/>) on its port, and waits until it answers <c>/health</c>.</summary>
    public async Task Start()
    {
        _process = ProcessLauncher.Start(_log, "tools/SimulatedPlatform", "BatchCalling.SimulatedPlatform.dll", ["--urls", BaseAddress.ToString()],
        [
            ("ConnectionStrings__Postgres", LocalServices.Postgres),
            ("Platform__Secret", Secret),
            ("Platform__Twilio__AccountSid", TwilioAccountSid),
            ("Platform__Twilio__AuthToken", TwilioAuthToken),
            .. TwilioScripts.SelectMany(script => new[]
            {
                ($"Platform__Twilio__Scripts__{script.Number.TrimStart('+')}__Outcomes", script.Outcomes),
                ($"Platform__Twilio__Scripts__{script.Number.TrimStart('+')}__Behaviour", script.Behaviour ?? ""),
            }),
            ("Logging__Console__FormatterName", "simple"),
            ("Logging__Console__FormatterOptions__TimestampFormat", "HH:mm:ss.fff "),
            .. settings,
        ]);
        using var client = new HttpClient { BaseAddress = BaseAddress };
        await Wait.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The platform exited (code {_process.ExitCode}); log in {_log}");
            }

            try
            {
                return (await client.GetAsync("/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), () => "the platform did not answer /health; log in " + _log);
    }

    /// <summary>SIGKILL: calls in progress stay in PostgreSQL, their events owed.</summary>
    public void Kill() => ProcessLauncher.Kill(_process);
}
