using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BatchCalling.Testing;
using Xunit.Abstractions;

namespace BatchCalling.GatewayTests;

/// <summary>
/// README's walk-through, pasted: every <c>sh</c> block of the section but the one that starts the gateway runs as one
/// <c>bash -euo pipefail</c> script from the repository root against the embedded gateway, with only the lines that name
/// the key, the address and the admin token swapped for the fixture's. <c>curl</c> is a function that records each
/// request, status and body and fails on any status but 2xx, or but the one a step documents in its answer comment
/// (<c># {… "status":400 …}</c>); the answers documented in comments (<c># (the answer: {…})</c>, <c># "message"</c>) are
/// checked against what the gateway said, so the walk-through cannot drift from the API without this test saying where.
/// </summary>
[Collection(EmbeddedTests.Name)]
public sealed partial class ReadmeWalkthroughTests(EmbeddedGateway gateway, ITestOutputHelper output)
{
    private const string Section = "## Walk-through";
    private static readonly TimeSpan ScriptBudget = TimeSpan.FromSeconds(60);
    private static readonly string[] CapturedJobs = ["JOB", "RETRIES", "LATER", "DRAFT"];

    /// <summary>What the script echoes for a variable no step reached.</summary>
    private const string Unset = "(unset)";

    /// <summary>
    /// Put before the walk-through's blocks. The function keeps stdout the body alone, so <c>$(curl … | sed …)</c> captures
    /// as pasted; status, arguments and body go to numbered files under <c>$WALKTHROUGH_LOG</c>. On exit the variables
    /// the steps captured are echoed, so a step that captured nothing shows even when a later step failed on it.
    /// </summary>
    private const string Prelude = """
        walkthrough_log=$WALKTHROUGH_LOG
        echo 0 > "$walkthrough_log/count"
        curl() {
          local n status expected rc=0
          n=$(( $(cat "$walkthrough_log/count") + 1 ))
          echo "$n" > "$walkthrough_log/count"
          printf '%s\0' "$@" > "$walkthrough_log/$n.args"
          : > "$walkthrough_log/$n.body"
          status=$(command curl -sS --max-time 30 -o "$walkthrough_log/$n.body" -w '%{http_code}' "$@") || rc=$?
          printf '%s' "$status" > "$walkthrough_log/$n.status"
          if [ "$rc" -ne 0 ]; then
            echo "walk-through: curl #$n failed (curl exit $rc): curl $*" >&2
            return "$rc"
          fi
          expected=$(cat "$walkthrough_log/$n.expect" 2>/dev/null || echo 2xx)
          if ! { [[ $expected == 2xx && $status == 2?? ]] || [[ $expected == "$status" ]]; }; then
            echo "walk-through: curl #$n answered HTTP $status, expected $expected: curl $*" >&2
            cat "$walkthrough_log/$n.body" >&2
            echo >&2
            return 22
          fi
          cat "$walkthrough_log/$n.body"
        }
        trap 'printf "\nwalkthrough:%s=%s\n" JOB "${JOB-(unset)}" RETRIES "${RETRIES-(unset)}" LATER "${LATER-(unset)}" DRAFT "${DRAFT-(unset)}" NEXT "${NEXT-(unset)}"' EXIT

        """;

    [Fact]
    public async Task The_walkthrough_runs_as_pasted_and_answers_what_it_documents()
    {
        var walkthrough = Walkthrough.Read(Path.Combine(Repository.Root, "README.md"));
        var documentedErrors = walkthrough.Steps.Where(s => s.ExpectedStatus is not null).ToList();
        Assert.True(documentedErrors is [{ ExpectedStatus: 400, Line: var errorLine }] && errorLine.Contains("/reschedule?", StringComparison.Ordinal)
                && errorLine.Contains("timezone=Invalid/Timezone", StringComparison.Ordinal),
            "README's walk-through should show one error on purpose, a reschedule to timezone=Invalid/Timezone documented as \"status\":400; it shows "
            + (documentedErrors.Count == 0 ? "none" : string.Join("; ", documentedErrors.Select(s => $"curl #{s.Number} ({s.Line.Trim()}) documented as {s.ExpectedStatus}"))));
        var error = documentedErrors[0];
        var baseAddress = gateway.BaseAddress;
        var log = Directory.CreateTempSubdirectory("readme-walkthrough-");
        try
        {
            // The one answer the curl function lets through although not 2xx.
            await File.WriteAllTextAsync(Path.Combine(log.FullName, $"{error.Number}.expect"), error.ExpectedStatus!.Value.ToString(CultureInfo.InvariantCulture));

            var script = Prelude + walkthrough.Script(IGatewayUnderTest.DemoKey, baseAddress, EmbeddedGateway.AdminToken);
            var run = await RunAsync(script, log.FullName);
            var calls = Call.ReadAll(log.FullName);
            var report = Report(run, calls, walkthrough);
            output.WriteLine(report);

            // A capture that holds something else than a job id is the clearest cause: say so before what it broke. One that
            // holds nothing may be the cause (a later step fails on the blank id) or the result (its own request failed).
            var captures = CapturedJobs.ToDictionary(name => name, name => run.Variables.GetValueOrDefault(name) ?? Unset);
            foreach (var (name, value) in captures.Where(c => c.Value is { Length: > 0 } and not Unset))
            {
                Assert.True(JobId().IsMatch(value),
                    $"README's walk-through captured '{Shorten(value)}' into {name}, not a job id (the step: {walkthrough.Capturing(name)}).\n{report}");
            }

            var blank = string.Concat(captures.Where(c => c.Value.Length == 0).Select(c => $"; it captured nothing into {c.Key} (the step: {walkthrough.Capturing(c.Key)})"));
            Assert.False(run.TimedOut, $"README's walk-through took more than {ScriptBudget.TotalSeconds:0} s{blank}.\n{report}");
            Assert.True(run.ExitCode == 0, $"README's walk-through failed as pasted (bash exit {run.ExitCode}: {FirstComplaint(run.Stderr)}){blank}.\n{report}");
            foreach (var (name, value) in captures)
            {
                Assert.True(JobId().IsMatch(value),
                    $"README's walk-through {(value.Length == 0 ? "captured nothing into" : "never set")} {name} (the step: {walkthrough.Capturing(name)}).\n{report}");
            }

            Assert.True(calls.Count == walkthrough.Steps.Count,
                $"README's walk-through has {walkthrough.Steps.Count} curl calls, but {calls.Count} ran.\n{report}");

            // Every answer is 2xx but the documented error example: rescheduling to an unknown zone.
            foreach (var call in calls)
            {
                var expected = call.Number == error.Number ? "400" : "2xx";
                Assert.True(call.Number == error.Number ? call.Status == 400 : call.Status is >= 200 and < 300,
                    $"curl #{call.Number} ({call.Describe()}) answered {call.Status}, expected {expected}: {Shorten(call.Body)}\n{report}");
            }

            Assert.True(calls[error.Number - 1].Json().TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == "invalid_timezone",
                $"README's error example (curl #{error.Number}) should answer code invalid_timezone: {Shorten(calls[error.Number - 1].Body)}\n{report}");

            // What the comments say each answer holds, it holds.
            foreach (var step in walkthrough.Steps)
            {
                foreach (var answer in step.Answers)
                {
                    CheckDocumentedAnswer(step, answer, calls[step.Number - 1], run.Variables.GetValueOrDefault("NEXT") ?? "", report);
                }
            }

            // And the scheduled job's steps, named: moved, started early, cancelled.
            var later = run.Variables["LATER"];
            var rescheduled = OneCall(calls, "PATCH", $"/batch/jobs/{later}/reschedule", report).Json();
            Assert.True(rescheduled.GetProperty("success").GetBoolean(), rescheduled.ToString());
            Assert.Equal("scheduled", rescheduled.GetProperty("status").GetString());
            Assert.Equal($"{run.Variables["NEXT"]}-03-02T09:00:00Z", rescheduled.GetProperty("scheduledStartTime").GetString()?.Replace("+00:00", "Z", StringComparison.Ordinal));
            var started = OneCall(calls, "POST", $"/batch/jobs/{later}/start", report).Json();
            Assert.Equal("Cancelled scheduled job, starting immediately", started.GetProperty("message").GetString());
            var cancelled = OneCall(calls, "POST", $"/batch/jobs/{later}/cancel", report).Json();
            Assert.True(cancelled.GetProperty("success").GetBoolean(), cancelled.ToString());
        }
        finally
        {
            log.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A comment's <c>"text"</c> is a string the answer holds at its top level; each <c>"name":value</c> in it is a
    /// top-level property of that value, where <c>…</c> stands for any text and <c>&lt;next year&gt;</c> for $NEXT.
    /// </summary>
    private static void CheckDocumentedAnswer(Step step, string answer, Call call, string nextYear, string report)
    {
        var where = $"README documents for curl #{step.Number} ({step.Line.Trim()}) the answer {answer}";
        var body = call.Json();
        if (QuotedText().Match(answer) is { Success: true } quoted)
        {
            var text = quoted.Groups["text"].Value;
            Assert.True(body.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == text),
                $"{where}, but the gateway answered {Shorten(call.Body)}\n{report}");
            return;
        }

        var pairs = DocumentedPair().Matches(answer);
        Assert.True(pairs.Count > 0, $"{where}: no \"name\":value in it to check; document the answer as JSON or as a quoted message.");
        foreach (Match pair in pairs)
        {
            var name = pair.Groups["name"].Value;
            Assert.True(body.TryGetProperty(name, out var actual), $"{where}, but the answer has no \"{name}\": {Shorten(call.Body)}\n{report}");
            if (pair.Groups["string"].Success)
            {
                var documented = pair.Groups["string"].Value.Replace("<next year>", nextYear, StringComparison.Ordinal);
                var pattern = "^" + string.Join(".*", documented.Split('…').Select(Regex.Escape)) + "$";
                Assert.True(actual.ValueKind == JsonValueKind.String && Regex.IsMatch(actual.GetString()!, pattern, RegexOptions.Singleline),
                    $"{where}, but \"{name}\" is {actual.GetRawText()}\n{report}");
            }
            else
            {
                Assert.True(actual.GetRawText() == pair.Groups["literal"].Value, $"{where}, but \"{name}\" is {actual.GetRawText()}\n{report}");
            }
        }
    }

    private static Call OneCall(IReadOnlyList<Call> calls, string method, string pathEnd, string report)
    {
        var matching = calls.Where(c => c.Method == method && (c.Url.Split('?')[0].EndsWith(pathEnd, StringComparison.Ordinal))).ToList();
        Assert.True(matching.Count == 1, $"README's walk-through should {method} {pathEnd} once; it did {matching.Count} times.\n{report}");
        return matching[0];
    }

    private static async Task<Run> RunAsync(string script, string log)
    {
        var path = Path.Combine(log, "walkthrough.sh");
        await File.WriteAllTextAsync(path, script);
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-euo", "pipefail", path })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["WALKTHROUGH_LOG"] = log;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var budget = new CancellationTokenSource(ScriptBudget);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(budget.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var output = await stdout;
        var variables = EchoedVariable().Matches(output).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.TrimEnd('\r'));
        return new Run(timedOut ? -1 : process.ExitCode, timedOut, output, await stderr, variables);
    }

    private static string Report(Run run, IReadOnlyList<Call> calls, Walkthrough walkthrough)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"bash exit {run.ExitCode}{(run.TimedOut ? " (killed: out of time)" : "")}; captured: ")
            .AppendLine(string.Join(", ", run.Variables.Select(v => $"{v.Key}='{Shorten(v.Value)}'")));
        text.AppendLine("requests (README's curl number, request, status, body):");
        foreach (var call in calls)
        {
            var step = call.Number <= walkthrough.Steps.Count ? walkthrough.Steps[call.Number - 1].Line.Trim() : "(not in README?)";
            text.AppendLine(CultureInfo.InvariantCulture, $"  #{call.Number} {call.Describe()} -> {call.Status} {Shorten(call.Body)}")
                .AppendLine(CultureInfo.InvariantCulture, $"      README: {Shorten(step)}");
        }

        if (run.Stderr.Length > 0)
        {
            text.AppendLine("stderr:").AppendLine(run.Stderr.Length > 3000 ? "…" + run.Stderr[^3000..] : run.Stderr);
        }

        return text.ToString();
    }

    /// <summary>The wrapper's own complaint if it made one, else bash's first line on stderr.</summary>
    private static string FirstComplaint(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Shorten(lines.FirstOrDefault(l => l.StartsWith("walk-through:", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "nothing on stderr");
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    [GeneratedRegex("^batch_[0-9a-f]{32}$")]
    private static partial Regex JobId();

    [GeneratedRegex(@"^walkthrough:(?<name>\w+)=(?<value>.*)$", RegexOptions.Multiline)]
    private static partial Regex EchoedVariable();

    [GeneratedRegex("^\"(?<text>[^\"]*)\"")]
    private static partial Regex QuotedText();

    [GeneratedRegex("\"(?<name>[A-Za-z_][A-Za-z0-9_]*)\":(?:\"(?<string>[^\"]*)\"|(?<literal>-?[0-9]+(?:\\.[0-9]+)?|true|false|null))")]
    private static partial Regex DocumentedPair();

    private sealed record Run(int ExitCode, bool TimedOut, string Stdout, string Stderr, Dictionary<string, string> Variables);

    /// <summary>One curl the script ran, as the function recorded it.</summary>
    private sealed record Call(int Number, IReadOnlyList<string> Args, int Status, string Body)
    {
        public string Method => Args.SkipWhile(a => a != "-X").Skip(1).FirstOrDefault()
            ?? (Args.Any(a => a is "-F" or "-d") ? "POST" : "GET");

        public string Url => Args.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal)) ?? "(no URL)";

        public string Describe() => $"{Method} {Url}";

        public JsonElement Json()
        {
            try
            {
                return JsonDocument.Parse(Body).RootElement;
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"curl #{Number} ({Describe()}) answered {Status} with a body that is not JSON ({e.Message}): {Shorten(Body)}");
            }
        }

        public static List<Call> ReadAll(string log)
        {
            var countFile = Path.Combine(log, "count");
            var count = File.Exists(countFile) ? int.Parse(File.ReadAllText(countFile).Trim(), CultureInfo.InvariantCulture) : 0;
            return [.. Enumerable.Range(1, count).Select(n =>
            {
                string Read(string suffix) => File.Exists(Path.Combine(log, $"{n}.{suffix}")) ? File.ReadAllText(Path.Combine(log, $"{n}.{suffix}")) : "";
                return new Call(n, Read("args").Split('\0', StringSplitOptions.None)[..^1],
                    int.TryParse(Read("status"), CultureInfo.InvariantCulture, out var status) ? status : 0, Read("body"));
            })];
        }
    }

    /// <summary>A curl in the walk-through's text, numbered in order, with the answers its comments document.</summary>
    private sealed record Step(int Number, string Line, List<string> Answers)
    {
        /// <summary>The status an answer comment documents when it is an error (<c>"status":4xx</c>), else 2xx.</summary>
        public int? ExpectedStatus => Answers.Select(a => DocumentedError().Match(a)).FirstOrDefault(m => m.Success) is { } error
            ? int.Parse(error.Groups["status"].Value, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The Walk-through section of README.md: its start command, the blocks pasted after it, and their curls.</summary>
    private sealed partial record Walkthrough(string StartCommand, IReadOnlyList<string[]> Blocks, IReadOnlyList<Step> Steps)
    {
        public static Walkthrough Read(string readme)
        {
            var lines = File.ReadAllLines(readme);
            var start = Array.IndexOf(lines, Section);
            Assert.True(start >= 0, $"README.md has no '{Section}' section.");
            var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            var section = lines[(start + 1)..(end < 0 ? lines.Length : end)];

            var blocks = new List<string[]>();
            for (var i = 0; i < section.Length; i++)
            {
                if (section[i].Trim() == "```sh")
                {
                    var close = Array.FindIndex(section, i + 1, l => l.Trim() == "```");
                    Assert.True(close > i, "README's walk-through has a ```sh block that is never closed.");
                    blocks.Add(section[(i + 1)..close]);
                    i = close;
                }
            }

            var starts = blocks.Where(b => b.Any(l => l.Contains("dotnet run", StringComparison.Ordinal))).ToList();
            Assert.True(starts.Count == 1, $"README's walk-through should have one ```sh block that starts the gateway (dotnet run); it has {starts.Count}.");
            var pasted = blocks.Where(b => b != starts[0]).ToList();
            Assert.True(pasted.Count > 0, "README's walk-through has no ```sh blocks after the one that starts the gateway.");

            foreach (var line in blocks.SelectMany(b => b))
            {
                var comment = Comment().Match(line);
                var code = comment.Success ? line[..comment.Index] : line;
                Assert.False(Placeholder().IsMatch(code), $"README's walk-through has a placeholder that cannot be pasted as is: {line.Trim()}");
            }

            var steps = new List<Step>();
            foreach (var line in pasted.SelectMany(b => b))
            {
                var comment = Comment().Match(line);
                var code = comment.Success ? line[..comment.Index] : line;
                for (var calls = CurlCall().Count(code); calls > 0; calls--)
                {
                    steps.Add(new Step(steps.Count + 1, line, []));
                }

                var text = comment.Success ? comment.Groups["text"].Value.Trim() : "";
                if (text.Length > 0 && text[0] is '(' or '{' or '"' && steps.Count > 0)
                {
                    steps[^1].Answers.Add(text);
                }
            }

            return new Walkthrough(string.Join("\n", starts[0]), pasted, steps);
        }

        /// <summary>
        /// The blocks as one script, with the line that sets KEY and URL and the one that sets ADMIN set to the
        /// gateway under test; both must agree with the start command, or the walk-through cannot be pasted as is.
        /// </summary>
        public string Script(string key, string url, string adminToken)
        {
            var script = new StringBuilder();
            var (keyLines, adminLines) = (0, 0);
            foreach (var block in Blocks)
            {
                foreach (var line in block)
                {
                    if (KeyAndUrl().Match(line) is { Success: true } keyAndUrl)
                    {
                        keyLines++;
                        Assert.True(StartCommand.Contains($"Demo__ApiKey={keyAndUrl.Groups["key"].Value} ", StringComparison.Ordinal),
                            $"README's walk-through sets KEY={keyAndUrl.Groups["key"].Value}, but its start command does not set that demo key: {StartCommand}");
                        Assert.True(StartCommand.Contains($"--urls {keyAndUrl.Groups["url"].Value}", StringComparison.Ordinal),
                            $"README's walk-through sets URL={keyAndUrl.Groups["url"].Value}, but its start command does not listen there: {StartCommand}");
                        script.AppendLine(CultureInfo.InvariantCulture, $"export KEY='{key}' URL='{url}'");
                    }
                    else if (line.StartsWith("ADMIN=", StringComparison.Ordinal))
                    {
                        adminLines++;
                        var admin = AdminLine().Match(line);
                        Assert.True(admin.Success, $"README's walk-through sets the admin token with '{line}', which cannot be pasted as is; set a token that is.");
                        Assert.True(StartCommand.Contains($"Admin__Token={admin.Groups["token"].Value} ", StringComparison.Ordinal),
                            $"README's walk-through sets ADMIN={admin.Groups["token"].Value}, but its start command does not set that admin token: {StartCommand}");
                        script.AppendLine(CultureInfo.InvariantCulture, $"ADMIN='{adminToken}'");
                    }
                    else
                    {
                        script.AppendLine(line);
                    }
                }
            }

            Assert.True(keyLines == 1, $"README's walk-through should set KEY and URL on one line 'export KEY=… URL=…'; found {keyLines} such lines. Has its shape changed?");
            Assert.True(adminLines == 1, $"README's walk-through should set the admin token on one line 'ADMIN=…'; found {adminLines} such lines. Has its shape changed?");
            return script.ToString();
        }

        /// <summary>The line that assigns a variable, for messages.</summary>
        public string Capturing(string name) =>
            Blocks.SelectMany(b => b).FirstOrDefault(l => l.StartsWith(name + "=", StringComparison.Ordinal))?.Trim() ?? $"none sets {name}";

        [GeneratedRegex(@"(?:^|\s)#(?<text>.*)$")]
        private static partial Regex Comment();

        [GeneratedRegex(@"(?<![\w/.-])curl(?=\s)")]
        private static partial Regex CurlCall();

        /// <summary>An angle-bracketed name such as <c>&lt;admin token&gt;</c>, for the reader to fill in.</summary>
        [GeneratedRegex(@"<[A-Za-z][\w ]*>")]
        private static partial Regex Placeholder();

        [GeneratedRegex(@"^export KEY=(?<key>\S+) URL=(?<url>\S+)$")]
        private static partial Regex KeyAndUrl();

        [GeneratedRegex(@"^ADMIN=(?<token>[A-Za-z0-9_.-]+)$")]
        private static partial Regex AdminLine();
    }

    [GeneratedRegex("\"status\":(?<status>[45][0-9]{2})[,}]")]
    private static partial Regex DocumentedError();
}
