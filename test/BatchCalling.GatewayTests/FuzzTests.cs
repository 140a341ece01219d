using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace BatchCalling.GatewayTests;

/// <summary>
/// Seeded junk over every route the gateway maps (and some it does not): odd methods, path segments, query strings,
/// headers and bodies. The contract: no answer is a 5xx, and every 4xx with a body is an <c>application/problem+json</c>
/// document with a non-empty string <c>code</c>. Request #n is rebuilt from the seed and n alone, so a failure printed
/// here replays with <c>FUZZ_SEED=&lt;seed&gt;</c>.
/// </summary>
[Collection(EmbeddedTests.Name)]
public sealed class FuzzTests(EmbeddedGateway gateway, ITestOutputHelper output)
{
    private const int DefaultSeed = 20_260_101;
    private const int MaxRequests = 3_000;
    private const int MinRequests = 500;
    private const int Concurrency = 4;
    private const int ClassesShown = 60;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    // Longer than Orleans' 30 s response timeout, so a grain call that never answers shows as the gateway's 503.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(35);

    [Fact]
    public async Task Junk_requests_never_get_a_5xx_and_every_error_is_a_coded_problem()
    {
        var seed = Environment.GetEnvironmentVariable("FUZZ_SEED") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : DefaultSeed;
        output.WriteLine($"fuzz seed {seed}");
        var world = await WorldAsync(seed);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = Concurrency,
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        })
        { Timeout = Timeout.InfiniteTimeSpan };

        var clock = Stopwatch.StartNew();
        var next = -1;
        var results = new List<Outcome>();
        var unsendable = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (clock.Elapsed < Budget)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= MaxRequests)
                {
                    return;
                }

                var request = new Generator(seed, index, world).Request();
                var sentAt = clock.ElapsedMilliseconds;
                var outcome = await SendAsync(http, world.BaseAddress, request) is { } answered
                    ? answered with { SentAtMs = sentAt, TookMs = clock.ElapsedMilliseconds - sentAt }
                    : null;
                lock (results)
                {
                    if (outcome is null)
                    {
                        unsendable++;
                    }
                    else
                    {
                        results.Add(outcome);
                    }
                }
            }
        }));

        var failures = results.Where(r => r.Defect is not null).OrderBy(r => r.Request.Index).ToList();
        output.WriteLine($"{results.Count} answered, {unsendable} the client could not send, in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var group in results.GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        foreach (var slow in results.OrderByDescending(r => r.TookMs).Take(3))
        {
            output.WriteLine($"  slowest: {slow.TookMs} ms {slow.Request.Describe()} -> {slow.Status}");
        }

        var classes = failures.GroupBy(f => f.Class).OrderByDescending(g => g.Count()).ToList();
        var report = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Fuzz seed {seed} (FUZZ_SEED={seed} replays it; FUZZ_DUMP=<file> writes every request): ")
            .Append(CultureInfo.InvariantCulture, $"{failures.Count} of {results.Count} answers broke the contract, in {classes.Count} classes ")
            .Append("(route pattern with segment kinds, or the Accept header; status; defect):\n");
        foreach (var group in classes.Take(ClassesShown))
        {
            var first = group.First();
            report.Append(CultureInfo.InvariantCulture, $"- [{group.Count()}x] {group.Key}\n")
                .Append(CultureInfo.InvariantCulture, $"    patterns {Seen(group, f => f.Request.Pattern)}; methods {Seen(group, f => f.Request.Method)}; bodies {Seen(group, f => f.Request.Body.Kind)}; auth {Seen(group, f => f.Request.Auth)}\n")
                .Append(CultureInfo.InvariantCulture, $"    e.g. {first.Request.Describe()}\n")
                .Append(CultureInfo.InvariantCulture, $"    got {first.Status} {first.ContentType ?? "(no content type)"} {first.Body}\n");
        }

        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("FUZZ_DUMP") is { Length: > 0 } dump)
        {
            // Every request, replayable, with its answer and when it was sent: one JSON object a line, the body in base64.
            await File.WriteAllLinesAsync(dump, results.OrderBy(r => r.Request.Index).Select(f => JsonSerializer.Serialize(new
            {
                f.Request.Index, Failed = f.Defect is not null, f.Class, f.Request.Method, f.Request.Target, f.Request.Authorization,
                Headers = f.Request.Headers.Select(h => $"{h.Name}: {h.Value}"), f.Request.Body.Kind, f.Request.Body.ContentType,
                Body = f.Request.Body.Bytes is { } bytes ? Convert.ToBase64String(bytes) : null, f.Request.Chunked, f.Status, Answer = f.Body,
                f.SentAtMs, f.TookMs,
            })));
        }

        Assert.True(results.Count >= MinRequests, $"Fuzz seed {seed}: only {results.Count} requests were answered within {Budget.TotalSeconds} s.");
        Assert.True(failures.Count == 0, report.ToString());
    }

    private static string Seen(IEnumerable<Outcome> outcomes, Func<Outcome, string> of) =>
        string.Join(", ", outcomes.Select(of).Distinct().Order(StringComparer.Ordinal).Take(8));

    /// <summary>What the junk refers to: real jobs of the demo organization and an organization of the fuzzer's own.</summary>
    private async Task<World> WorldAsync(int seed)
    {
        var baseAddress = gateway.BaseAddress;
        var demo = gateway.ClientWith(IGatewayUnderTest.DemoKey);
        var pending = await Api.CreateJobAsync(new Tenant("org_demo", demo), Api.Csv("+12025550101"),
            ("fromPhoneNumberId", "pn_demo"), ("autoStart", "false"));
        var scheduled = await Api.CreateJobAsync(new Tenant("org_demo", demo), Api.Csv("+12025550102", "+12025550103"),
            ("fromPhoneNumberId", "pn_demo"), ("scheduledStartTime", $"{DateTime.UtcNow.Year + 1}-01-01T00:00:00Z"));

        // Admin writes go to this organization only, so the fuzz leaves the demo organization's settings as they were.
        var fuzzOrganization = "org_fuzz_" + seed.ToString(CultureInfo.InvariantCulture);
        var admin = gateway.ClientWith(EmbeddedGateway.AdminToken);
        (await admin.PutAsync($"/admin/organizations/{fuzzOrganization}",
            new StringContent("""{ "name": "Fuzz", "concurrencyLimit": 5, "credits": 100 }""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/admin/organizations/{fuzzOrganization}/phone-numbers/pn_fuzz",
            new StringContent("""{ "number": "+12025550100", "outboundAgentId": "agent_fuzz" }""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return new World(baseAddress, [pending, scheduled], fuzzOrganization, EmbeddedGateway.AdminToken);
    }

    /// <summary>
    /// Sends the request and judges the answer; null when the client itself will not send it. A connection that fails
    /// before an answer is tried once more on a new request (a pooled connection the server was closing is no verdict);
    /// Kestrel refuses a request line with raw non-ASCII bytes and closes at once, which a client still writing its body
    /// may see as a broken pipe rather than the 400: that alone is not held against the gateway.
    /// </summary>
    private static async Task<Outcome?> SendAsync(HttpClient http, string baseAddress, FuzzRequest request)
    {
        string? lastError = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var message = Message(baseAddress, request);
            if (message is null)
            {
                return null;
            }

            using var timeout = new CancellationTokenSource(AnswerTimeout);
            try
            {
                using var response = await http.SendAsync(message, timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                return Outcome.Judge(request, response, body);
            }
            catch (OperationCanceledException)
            {
                return new Outcome(request, 0, null, "", $"no answer within {AnswerTimeout.TotalSeconds} s");
            }
            catch (HttpRequestException ex)
            {
                lastError = $"{ex.Message} {ex.InnerException?.Message}";
            }
        }

        return request.Target.Any(c => c > '\u007f')
            ? new Outcome(request, 0, null, lastError!, null)
            : new Outcome(request, 0, null, "", $"no answer, twice: {lastError}");
    }

    private static HttpRequestMessage? Message(string baseAddress, FuzzRequest request)
    {
        HttpRequestMessage? message = null;
        try
        {
            var uri = new Uri(baseAddress + request.Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
            message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
            if (request.Body.Bytes is { } bytes)
            {
                message.Content = new ByteArrayContent(bytes);
                if (request.Body.ContentType is { } contentType)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            if (request.Authorization is { } authorization)
            {
                message.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            foreach (var (name, value) in request.Headers)
            {
                if (!message.Headers.TryAddWithoutValidation(name, value))
                {
                    message.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }

            if (request.Chunked && message.Content is not null)
            {
                message.Headers.TransferEncodingChunked = true;
            }

            return message;
        }
        catch (Exception ex) when (ex is UriFormatException or FormatException or ArgumentException)
        {
            message?.Dispose();
            return null;
        }
    }

    private sealed record World(string BaseAddress, IReadOnlyList<string> JobIds, string FuzzOrganization, string AdminToken);

    private sealed record FuzzBody(string Kind, string? ContentType, byte[]? Bytes)
    {
        public static readonly FuzzBody None = new("none", null, null);
    }

    private sealed record FuzzRequest(
        int Index, string Method, string Target, string Pattern, string Auth, string? Authorization,
        IReadOnlyList<(string Name, string Value)> Headers, FuzzBody Body, bool Chunked)
    {
        public string Describe()
        {
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"#{Index} {Method} {Shorten(Target, 300)}");
            text.Append(CultureInfo.InvariantCulture, $" [auth {Auth}]");
            foreach (var (name, value) in Headers)
            {
                text.Append(CultureInfo.InvariantCulture, $" [{name}: {Shorten(value, 80)}]");
            }

            if (Body.Bytes is { } bytes)
            {
                text.Append(CultureInfo.InvariantCulture, $" [{Body.Kind}, {Body.ContentType ?? "no content type"}, {bytes.Length} bytes{(Chunked ? ", chunked" : "")}: {Printable(bytes, 300)}]");
            }

            return text.ToString();
        }
    }

    private sealed record Outcome(FuzzRequest Request, int Status, string? ContentType, string Body, string? Defect)
    {
        public long SentAtMs { get; init; }

        public long TookMs { get; init; }

        /// <summary>
        /// What a failure has in common with others of its cause: the route pattern (segment kinds included) for a
        /// server error; for an error body of the wrong type the status and the Accept header, whatever the route.
        /// </summary>
        public string Class => Defect is not null && Defect.StartsWith("error body", StringComparison.Ordinal)
            ? $"any route -> {Status}, {Accept}: {Defect}"
            : $"{Request.Method.ToUpperInvariant()} {Request.Pattern} -> {(Status == 0 ? "-" : Status.ToString(CultureInfo.InvariantCulture))}: {Defect}";

        private string Accept =>
            Request.Headers.Where(h => h.Name == "Accept").Select(h => h.Value).ToList() is { Count: > 0 } accept
                ? "Accept: " + string.Join(", ", accept)
                : "no Accept";

        public static Outcome Judge(FuzzRequest request, HttpResponseMessage response, byte[] body)
        {
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.MediaType;
            string? defect = null;
            if (status >= 500)
            {
                defect = $"server error{ProblemCode(body)}";
            }
            else if (status >= 400 && body.Length > 0)
            {
                defect = contentType != "application/problem+json" ? $"error body is {contentType ?? "untyped"}, not a problem"
                    : ProblemCode(body).Length == 0 ? "problem without a string code"
                    : null;
            }

            return new Outcome(request, status, contentType, Printable(body, 300), defect);
        }

        /// <summary>" (code x)" for a problem document with a string code; "" otherwise.</summary>
        private static string ProblemCode(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.ValueKind == JsonValueKind.Object
                       && document.RootElement.TryGetProperty("code", out var code)
                       && code.ValueKind == JsonValueKind.String
                       && code.GetString() is { Length: > 0 } value
                    ? $" (code {value})"
                    : "";
            }
            catch (JsonException)
            {
                return "";
            }
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"…({text.Length} chars)";

    private static string Printable(byte[] bytes, int max)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, max * 4));
        var printable = new StringBuilder();
        foreach (var c in text)
        {
            if (c is < ' ' or '\u007f')
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                printable.Append(c);
            }

            if (printable.Length >= max)
            {
                printable.Append(CultureInfo.InvariantCulture, $"…({bytes.Length} bytes)");
                break;
            }
        }

        return printable.ToString();
    }

    /// <summary>Builds request #index from its own generator seeded by (seed, index), independent of every other request.</summary>
    private sealed class Generator(int seed, int index, World world)
    {
        private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FUZZ", "get", "CONNECTX"];

        private static readonly string[] JsonNumbers =
        [
            "0", "-1", "1", "3", "50", "51", "10000", "10001", "2147483647", "2147483648", "-2147483649", "1e400", "-1e400", "1.5", "1e-400",
            "123456789012345678901234567890", "-0", "0.0000001", "1E2", "79228162514264337593543950335", "-79228162514264337593543950335",
            "79228162514264337593543950336", "9223372036854775808",
        ];

        private static readonly string[] Strings =
        [
            "", " ", "\t", "x", "pn_demo", "pn_fuzz", "pn_1", "+12025550101", "12025550101", "UTC", "America/New_York", "Invalid/Zone", "Local",
            "null", "NaN", "-1", "0", "1e999", "true", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\u0000",
            "Zoë 日本 🎉", "\u202Eevil", "\uFEFFbom", "İK\u212A", "e\u0301", "pending", "running", "completed", "realtime", "pipeline", "quantum",
        ];

        private static readonly string[] ContentTypes =
        [
            "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=bogus",
            "text/json", "application/problem+json", "application/vnd.api+json", "application/merge-patch+json", "text/plain", "text/csv",
            "application/xml", "multipart/form-data", "multipart/form-data; boundary=", "multipart/mixed; boundary=x",
            "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=bogus", "application/octet-stream", "*/*",
            "garbage", "application/", ";;;", "application/json;;", "application/json; charset=\"utf-8", "Application/JSON",
        ];

        private static readonly string[] QueryKeys =
            ["page", "pageSize", "status", "q", "contactsPage", "contactsPageSize", "contactStatus", "scheduledStartTime", "timezone", "organizationId", "x"];

        private static readonly string[] Statuses =
            ["pending", "scheduled", "running", "paused", "completed", "failed", "cancelled", "queued", "in_progress", "no_answer", "PENDING", "Pending", "done", "0", "99"];

        private static readonly string[] CreateFields =
            ["fromPhoneNumberId", "name", "description", "concurrentCallLimit", "maxAttempts", "retryDelaySeconds", "scheduledStartTime", "timezone", "autoStart", "rejectInvalid"];

        private readonly Random random = new(unchecked((seed * 1_000_003) + index));
        private readonly int nextYear = DateTime.UtcNow.Year + 1;

        public FuzzRequest Request()
        {
            var (method, pattern, path, kind) = Route();
            if (Chance(0.12))
            {
                (pattern, path) = MangleLiterals(pattern, path);
            }

            if (Chance(0.25))
            {
                method = Pick(Methods);
            }

            // Admin writes never reach the demo organization (other tests rely on its number, limit and credits).
            if (path.Contains("org_demo", StringComparison.Ordinal) && method != "GET")
            {
                method = "GET";
            }

            var query = Query(kind);
            var (auth, authorization) = Authorization(kind);
            var headers = Chance(0.2) ? ExtraHeaders() : [];
            if (kind == Kind.TwilioStatus && Chance(0.7))
            {
                // A signature of the right shape, so the form is read before it is found wrong.
                headers.Add(("X-Twilio-Signature", Convert.ToBase64String(Bytes(20))));
            }

            var body = Body(kind, method);
            return new FuzzRequest(index, method, path + query, pattern, auth, authorization, headers, body, body.Bytes is not null && Chance(0.1));
        }

        private enum Kind { Create, List, Job, Contacts, Start, Cancel, Reschedule, OrganizationPut, OrganizationGet, ApiKeys, PhoneNumber, Credits, Health, Open, CallEvent, TwilioStatus, Unknown }

        private (string Method, string Pattern, string Path, Kind Kind) Route()
        {
            var roll = random.Next(100);
            (string Method, string Template, Kind Kind) route = roll switch
            {
                < 12 => ("POST", "/batch/jobs", Kind.Create),
                < 16 => ("POST", "/batch/create", Kind.Create),
                < 22 => ("GET", "/batch/jobs", Kind.List),
                < 30 => ("GET", "/batch/jobs/{id}", Kind.Job),
                < 37 => ("GET", "/batch/jobs/{id}/contacts", Kind.Contacts),
                < 44 => ("POST", "/batch/jobs/{id}/start", Kind.Start),
                < 50 => ("POST", "/batch/jobs/{id}/cancel", Kind.Cancel),
                < 57 => ("PATCH", "/batch/jobs/{id}/reschedule", Kind.Reschedule),
                < 63 => ("PUT", "/admin/organizations/{org}", Kind.OrganizationPut),
                < 67 => ("GET", "/admin/organizations/{org}", Kind.OrganizationGet),
                < 71 => ("POST", "/admin/organizations/{org}/api-keys", Kind.ApiKeys),
                < 76 => ("PUT", "/admin/organizations/{org}/phone-numbers/{pn}", Kind.PhoneNumber),
                < 81 => ("POST", "/admin/organizations/{org}/credits", Kind.Credits),
                < 85 => ("GET", Pick(["/health/live", "/health/ready"]), Kind.Health),
                < 89 => ("GET", Pick(["/openapi/v1.json", "/docs", "/docs/", "/docs/index.html"]), Kind.Open),
                < 91 => ("POST", "/calls/{call}/events", Kind.CallEvent),
                < 93 => ("POST", "/twilio/calls/{call}/status", Kind.TwilioStatus),
                _ => ("GET", Pick(["/", "/batch", "/admin", "/admin/organizations", "/health", "/health/{id}", "/{id}", "/favicon.ico", "/.env",
                    "/batch/jobs/{id}/contacts/{id}", "/batch/jobs/{id}/start/now", "/admin/organizations/{org}/nope", "/swagger/index.html",
                    "/batch/jobs/{id}/pause", "/openapi/v2.json", "/admin/organizations/{org}/api-keys/{id}"]), Kind.Unknown),
            };

            var pattern = new StringBuilder();
            var path = new StringBuilder();
            foreach (var part in route.Template.Split('/').Skip(1))
            {
                pattern.Append('/');
                path.Append('/');
                if (part is "{id}" or "{org}" or "{pn}" or "{call}")
                {
                    var (segmentKind, segment) = Segment(part);
                    pattern.Append(CultureInfo.InvariantCulture, $"{{{part[1..^1]}:{segmentKind}}}");
                    path.Append(segment);
                }
                else
                {
                    pattern.Append(part);
                    path.Append(part);
                }
            }

            return (route.Method, pattern.ToString(), path.ToString(), route.Kind);
        }

        private (string Kind, string Segment) Segment(string placeholder)
        {
            var real = placeholder switch
            {
                "{org}" => Chance(0.3) ? "org_demo" : world.FuzzOrganization,
                "{pn}" => Pick(["pn_fuzz", "pn_demo", "pn_new"]),
                "{call}" => $"call_{Pick(world.JobIds)}_{Pick(["0", "1", "9999"])}_{Pick(["1", "2", "0"])}",
                _ => Pick(world.JobIds),
            };
            return random.Next(22) switch
            {
                < 6 => ("real", real),
                6 => ("shaped", "batch_" + Convert.ToHexStringLower(Bytes(16))),
                7 => ("blank", ""),
                8 => ("space", Pick(["%20", "%20%20", "+"])),
                9 => ("tab", Pick(["%09", "%09%20"])),
                10 => ("control", Pick(["%0A", "%0D", "%00", "%0D%0A", "%1F", "%7F"])),
                11 => ("unicode-space", Pick(["%C2%A0", "%E2%80%8B", "%E3%80%80", "%E2%80%A8"])),
                12 => ("long", new string('a', Pick([101, 257, 1000, 4000]))),
                13 => ("very-long", new string('b', Pick([7000, 9000, 20000]))),
                14 => ("unicode", Uri.EscapeDataString(Pick(["Zoë", "日本語", "🎉", "\u202Eevil", "İK\u212A", "e\u0301", "\uFEFF"]))),
                15 => ("raw-unicode", Pick(["Zoë", "日本語", "🎉"])),
                16 => ("percent-junk", Pick(["%", "%zz", "%2", "%25", "%2F", "%5C", "%C3%28", "%FF%FE", "%ED%A0%80", "%E2%82", "a%2Fb", "%2e%2e%2F"])),
                17 => ("dots", Pick([".", "..", "...", "%2e", "%2E%2E", ".%2e", "a..b", "./."])),
                18 => ("special", Pick(["~", "!$&'()*+,;=", "@", ":", "batch_unknown", "null", "undefined", "-", "_", "*", "{id}", "%7Bid%7D"])),
                19 => ("case", real.ToUpperInvariant()),
                20 => ("padded", Pick(["%20", "%09"]) + real + Pick(["", "%20"])),
                _ => ("random", Uri.EscapeDataString(JunkString())),
            };
        }

        private (string Pattern, string Path) MangleLiterals(string pattern, string path) => random.Next(5) switch
        {
            0 => (pattern + "+trailing-slash", path + "/"),
            1 => (pattern + "+double-slash", "/" + path),
            2 => (pattern + "+upper", path.ToUpperInvariant()),
            3 => (pattern + "+extra-segment", path + "/" + Uri.EscapeDataString(JunkString())),
            _ => (pattern + "+inner-double-slash", path.Replace("/batch/jobs", "/batch//jobs", StringComparison.Ordinal)),
        };

        private string Query(Kind kind)
        {
            var pairs = new List<string>();
            if (kind == Kind.Reschedule && Chance(0.8))
            {
                pairs.Add("scheduledStartTime=" + Encode(DateValue()));
                if (Chance(0.6))
                {
                    pairs.Add("timezone=" + Encode(Pick(["UTC", "America/New_York", "Europe/London", "Asia/Karachi", "Invalid/Zone", "", "Local", "+05:00", "utc", "Etc/GMT+12", new string('Z', 300), JunkString()])));
                }
            }

            if (Chance(0.45))
            {
                for (var i = random.Next(1, 5); i > 0; i--)
                {
                    var key = Pick(QueryKeys);
                    var value = key switch
                    {
                        "page" or "pageSize" or "contactsPage" or "contactsPageSize" =>
                            Pick(["1", "2", "0", "-1", "100", "101", "x", "", " ", "1.5", "2147483648", "99999999999999999999", "1e3", "+1", "01", "٣", "1,2"]),
                        "status" or "contactStatus" => Pick(Statuses),
                        "scheduledStartTime" => DateValue(),
                        "timezone" => Pick(["UTC", "America/New_York", "Invalid/Zone", "", "../../etc/passwd", new string('A', 500)]),
                        "organizationId" => Pick(["org_demo", world.FuzzOrganization, "", "org_other"]),
                        _ => JunkString(),
                    };
                    pairs.Add(Encode(key) + (Chance(0.05) ? "" : "=" + (Chance(0.1) ? Pick(["%", "%zz", "%00", "&", "==", "%C3%28"]) : Encode(value))));
                }
            }

            if (Chance(0.03))
            {
                pairs.Add(new string('q', 5000) + "=" + new string('v', 5000));
            }

            return pairs.Count == 0 ? (Chance(0.05) ? "?" : "") : "?" + string.Join('&', pairs);
        }

        private string DateValue() => Pick(
        [
            $"{nextYear}-03-01T10:00:00", $"{nextYear}-03-01T10:00:00Z", $"{nextYear}-03-01T10:00", $"{nextYear}-03-08T02:30:00",
            "2020-01-01T00:00:00Z", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
            $"{nextYear}-02-30T10:00:00", $"{nextYear}-03-01T25:00:00", $"{nextYear}-03-01T10:00:00+99:99", $"{nextYear}-03-01T10:00:00.12345678",
            "", "now", "2025-03-01 10:00", "1e10", $"{nextYear}-03-01T10:00:00+05:30", "99999-01-01T00:00:00",
        ]);

        private (string Auth, string? Header) Authorization(Kind kind)
        {
            var admin = kind is Kind.OrganizationPut or Kind.OrganizationGet or Kind.ApiKeys or Kind.PhoneNumber or Kind.Credits;
            return random.Next(20) switch
            {
                < 12 => admin ? ("admin", "Bearer " + world.AdminToken) : ("demo-key", "Bearer " + IGatewayUnderTest.DemoKey),
                < 14 => admin ? ("demo-key", "Bearer " + IGatewayUnderTest.DemoKey) : ("admin", "Bearer " + world.AdminToken),
                < 16 => ("none", null),
                _ => ("junk", Pick(
                [
                    "Bearer", "Bearer ", "bearer " + IGatewayUnderTest.DemoKey, "BEARER  " + IGatewayUnderTest.DemoKey + "  ", "Basic dGVzdDp0ZXN0",
                    "Bearer bk_nope", "Bearer " + new string('k', 8000), "Bearer Zoë🎉", "Bearer a, Bearer " + IGatewayUnderTest.DemoKey, "Bearer \t",
                    "Bearer " + IGatewayUnderTest.DemoKey + "x", "Token " + world.AdminToken, "Bearer " + world.AdminToken + " " + IGatewayUnderTest.DemoKey,
                ])),
            };
        }

        private List<(string, string)> ExtraHeaders()
        {
            var headers = new List<(string, string)>();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                headers.Add(random.Next(9) switch
                {
                    0 => ("Accept", Pick(["application/xml", "text/html", "*/*", "application/problem+json", "garbage", "application/json;q=0"])),
                    1 => ("Accept-Language", Pick(["tr-TR", "ar-SA", "*", "xx"])),
                    2 => ("X-HTTP-Method-Override", Pick(["DELETE", "PUT", "GET"])),
                    3 => ("Expect", "100-continue"),
                    4 => ("Content-Encoding", Pick(["gzip", "br", "bogus"])),
                    5 => ("Cookie", "a=" + JunkAscii()),
                    6 => ("X-Forwarded-For", Pick(["1.2.3.4", "garbage", "::1, 10.0.0.1"])),
                    7 => ("Accept-Charset", "bogus"),
                    _ => ("X-" + JunkAscii(), JunkAscii()),
                });
            }

            return headers;
        }

        private FuzzBody Body(Kind kind, string method)
        {
            var bodyless = method is "GET" or "HEAD" or "DELETE" or "OPTIONS" or "TRACE" or "get";
            if (bodyless && !Chance(0.15))
            {
                return FuzzBody.None;
            }

            return kind switch
            {
                Kind.Create => random.Next(20) switch
                {
                    < 7 => Multipart(),
                    < 13 => Json("create-json", CreateJson()),
                    13 => Json("malformed-json", Malformed(CreateJson())),
                    14 => Json("deep-json", Deep()),
                    15 => FormUrlEncoded(),
                    16 => Json("junk-json", JsonValue(0)),
                    17 => new FuzzBody("empty", Pick(ContentTypes), []),
                    _ => RandomBytes(),
                },
                Kind.CallEvent => random.Next(10) switch
                {
                    < 5 => Json("event-json", $$"""{"status":{{Quote(Pick(["completed", "busy", "no_answer", "failed", "ringing", "exploded", "", "COMPLETED"]))}},"durationSeconds":{{Pick(["1.5", "-1", "1e308", "\"x\"", "null"])}},"sipCode":{{Pick(["486", "404", "-1", "99999999999", "\"486\"", "null"])}}}"""),
                    5 => Json("junk-json", JsonValue(0)),
                    6 => Json("deep-json", Deep()),
                    7 => new FuzzBody("empty", Pick(ContentTypes), []),
                    _ => RandomBytes(),
                },
                Kind.TwilioStatus => random.Next(10) switch
                {
                    < 5 => new FuzzBody("twilio-form", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(
                        $"CallSid=CA{Convert.ToHexStringLower(Bytes(16))}&CallStatus={Pick(["completed", "no-answer", "busy", "ringing", "exploded", "", "%zz"])}" +
                        $"&CallDuration={Pick(["12", "-1", "99999999999", "x", ""])}&SipResponseCode={Pick(["486", "abc", ""])}{Pick(["", "&AnsweredBy=machine_end_beep", "&orphan", "&=1"])}")),
                    5 => FormUrlEncoded(),
                    6 => Json("junk-json", JsonValue(0)),
                    7 => new FuzzBody("empty", Pick(ContentTypes), []),
                    _ => RandomBytes(),
                },
                Kind.OrganizationPut or Kind.PhoneNumber or Kind.Credits => random.Next(20) switch
                {
                    < 11 => Json("admin-json", AdminJson(kind)),
                    11 or 12 => Json("junk-json", JsonValue(0)),
                    13 => Json("deep-json", Deep()),
                    14 => Json("malformed-json", Malformed(AdminJson(kind))),
                    15 => Chance(0.5) ? Multipart() : FormUrlEncoded(),
                    16 or 17 => RandomBytes(),
                    _ => Chance(0.5) ? FuzzBody.None : new FuzzBody("empty", Pick(ContentTypes), []),
                },
                _ => random.Next(10) switch
                {
                    < 6 => FuzzBody.None,
                    6 => Json("junk-json", JsonValue(0)),
                    7 => Json("admin-json", AdminJson(Pick([Kind.OrganizationPut, Kind.Credits]))),
                    8 => Multipart(),
                    _ => RandomBytes(),
                },
            };
        }

        private FuzzBody Json(string kind, string json)
        {
            var contentType = Chance(0.85) ? Pick(["application/json", "application/json; charset=utf-8"]) : Pick(ContentTypes);
            var bytes = Chance(0.05)
                ? Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(json)).ToArray()
                : Chance(0.05) ? Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray()
                : Encoding.UTF8.GetBytes(json);
            return new FuzzBody(kind, contentType, bytes);
        }

        /// <summary>Half the creates are careful (required fields present, few junk values), so the junk reaches the contacts and the grains.</summary>
        private string CreateJson()
        {
            var careful = Chance(0.5);
            var members = new List<string>();
            foreach (var field in CreateFields)
            {
                if (!(careful && field is "fromPhoneNumberId" or "name") && !Chance(careful ? 0.4 : 0.7))
                {
                    continue;
                }

                var value = careful && Chance(0.97) ? Quote(CarefulValue(field)) : Chance(0.6) ? field switch
                {
                    "fromPhoneNumberId" => Quote(Pick(["pn_demo", "pn_demo", "pn_fuzz", "pn_missing"])),
                    "name" => Quote("Fuzz"),
                    "description" => Quote(JunkString()),
                    "concurrentCallLimit" => Pick(["1", "5", "50", "51", "0", "\"3\""]),
                    "maxAttempts" => Pick(["1", "3", "0", "11", "\"2\""]),
                    "retryDelaySeconds" => Pick(["0", "60", "86400", "-1", "\"x\""]),
                    "scheduledStartTime" => Quote(DateValue()),
                    "timezone" => Quote(Pick(["UTC", "America/New_York", "Invalid/Timezone", ""])),
                    _ => Pick(["true", "false", "\"true\"", "\"yes\"", "1"]),
                } : JsonValue(1);
                members.Add($"{Quote(field)}: {value}");
            }

            if (careful || Chance(0.85))
            {
                members.Add("\"contacts\": " + (careful || Chance(0.7) ? Contacts() : JsonValue(1)));
            }

            if (Chance(0.2))
            {
                members.Add($"{Quote(JunkString())}: {JsonValue(1)}");
            }

            if (Chance(0.05))
            {
                members.Add("\"name\": \"duplicate\"");
            }

            Shuffle(members);
            var json = "{" + string.Join(", ", members) + "}";
            return Chance(0.05) ? "[" + json + "]" : json;
        }

        /// <summary>A value the create rules accept for the field (JSON creates quote it; numbers and booleans read from text too).</summary>
        private string CarefulValue(string field) => field switch
        {
            "fromPhoneNumberId" => "pn_demo",
            "name" => Pick(["Fuzz", "Zoë 🎉", "x"]),
            "description" => JunkString(),
            "concurrentCallLimit" => Pick(["1", "5", "50"]),
            "maxAttempts" => Pick(["1", "3"]),
            "retryDelaySeconds" => Pick(["0", "60", "86400"]),
            "scheduledStartTime" => Pick([$"{nextYear}-03-01T10:00:00", $"{nextYear}-07-01T10:00:00Z", "9999-12-31T23:59:59"]),
            "timezone" => Pick(["UTC", "America/New_York", "Asia/Kathmandu"]),
            _ => Pick(["true", "false"]),
        };

        private string Contacts()
        {
            var contacts = new List<string>();
            var count = Chance(0.03) ? 10_001 : random.Next(0, 6);
            for (var i = 0; i < count; i++)
            {
                if (count > 100)
                {
                    contacts.Add($"{{\"phone\":\"+1202555{i % 10_000:D4}\"}}");
                    continue;
                }

                if (Chance(0.1))
                {
                    contacts.Add(JsonValue(2));
                    continue;
                }

                var members = new List<string>();
                if (Chance(0.9))
                {
                    members.Add("\"phone\": " + (Chance(0.7) ? Quote(Phone()) : JsonValue(2)));
                }

                if (Chance(0.4))
                {
                    members.Add("\"name\": " + (Chance(0.7) ? Quote(JunkString()) : JsonValue(2)));
                }

                if (Chance(0.3))
                {
                    members.Add("\"simulatedOutcomes\": " + Quote(Pick(["completed", "no_answer,busy,completed", "explode", "", ",,,", "busy,busy,busy,busy,busy,busy"])));
                }

                if (Chance(0.3))
                {
                    members.Add($"{Quote(JunkString())}: {JsonValue(2)}");
                }

                contacts.Add("{" + string.Join(", ", members) + "}");
            }

            return "[" + string.Join(", ", contacts) + "]";
        }

        private string AdminJson(Kind kind)
        {
            (string Name, Func<string> Sensible)[] fields = kind switch
            {
                Kind.OrganizationPut =>
                [
                    ("name", () => Quote(Pick(["Fuzz", "", " ", new string('n', 201), "Zoë 🎉"]))),
                    ("concurrencyLimit", () => Pick(["1", "10", "10000", "10001", "0", "-5"])),
                    ("credits", () => Pick(["0", "100", "-1", "1.25", "79228162514264337593543950335"])),
                ],
                Kind.PhoneNumber =>
                [
                    ("number", () => Quote(Phone())),
                    ("outboundAgentId", () => Pick(["\"agent_fuzz\"", "\"\"", "null"])),
                    ("agentArchitecture", () => Quote(Pick(["pipeline", "realtime", "quantum", "Realtime", "", "0"]))),
                    // Never a dialer that would work: the fuzz organization's and the demo's numbers keep dialing the simulator.
                    ("dialer", () => Pick(["null", """{"type":"simulated"}""", """{"type":"webhook"}""", """{"type":"twilio","accountSid":"AC1"}""",
                        """{"type":"webhook","url":"http://169.254.169.254/","secret":"whsec_!!"}""", """{"type":"webhook","url":"gopher://x","secret":"whsec_AAAA"}""",
                        "[]", "\"webhook\"", """{"type":7}"""])),
                ],
                _ => [("amount", () => Pick(["1", "-1", "0.01", "-1000000", "79228162514264337593543950335", "-79228162514264337593543950335", "1e28"]))],
            };
            var members = new List<string>();
            foreach (var (name, sensible) in fields)
            {
                if (Chance(0.8))
                {
                    members.Add($"{Quote(name)}: {(Chance(0.65) ? sensible() : JsonValue(1))}");
                }
            }

            if (Chance(0.15))
            {
                members.Add($"{Quote(JunkString())}: {JsonValue(1)}");
            }

            return Chance(0.05) ? "[{" + string.Join(", ", members) + "}]" : "{" + string.Join(", ", members) + "}";
        }

        private string JsonValue(int depth) => random.Next(depth >= 3 ? 6 : 9) switch
        {
            0 => "null",
            1 => Pick(["true", "false"]),
            2 => Pick(JsonNumbers),
            3 => Quote(JunkString()),
            4 => Pick(["\"\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"" + new string('s', 70_000) + "\"", "\"\\\\\""]),
            5 => Pick(["{}", "[]", "[null]", "{\"\": null}"]),
            6 => "[" + string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => JsonValue(depth + 1))) + "]",
            7 => "{" + string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"{Quote(JunkString())}: {JsonValue(depth + 1)}")) + "}",
            _ => Deep(),
        };

        private string Deep()
        {
            var depth = Pick([63, 64, 65, 200, 1000, 20_000]);
            return random.Next(3) switch
            {
                0 => new string('[', depth) + new string(']', depth),
                1 => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
                _ => "{\"contacts\": " + new string('[', depth) + new string(']', depth) + ", \"name\": \"x\", \"fromPhoneNumberId\": \"pn_demo\"}",
            };
        }

        private string Malformed(string json) => random.Next(8) switch
        {
            0 => json[..random.Next(json.Length)],
            1 => json.Replace("\"", "'", StringComparison.Ordinal),
            2 => json.TrimEnd('}') + ",}",
            3 => "// comment\n" + json,
            4 => json + json,
            5 => json.Replace(":", ": NaN, \"z\":", StringComparison.Ordinal),
            6 => "\u0000" + json,
            _ => json.Replace("\"", "", StringComparison.Ordinal),
        };

        private FuzzBody Multipart()
        {
            var boundary = "----fuzz" + Convert.ToHexStringLower(Bytes(8));
            var body = new MemoryStream();
            void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));

            var careful = Chance(0.5);
            var parts = new List<(string Disposition, string? ContentType, byte[] Content)>();
            foreach (var field in CreateFields)
            {
                if ((careful && field is "fromPhoneNumberId" or "name") || Chance(careful ? 0.3 : 0.5))
                {
                    var value = careful && Chance(0.97) ? CarefulValue(field) : Chance(0.6) ? field switch
                    {
                        "fromPhoneNumberId" => Pick(["pn_demo", "pn_fuzz", "pn_1"]),
                        "name" => "Fuzz",
                        "scheduledStartTime" => DateValue(),
                        "timezone" => Pick(["UTC", "America/New_York", "Invalid/Timezone"]),
                        "autoStart" or "rejectInvalid" => Pick(["true", "false", "TRUE", "1", "yes"]),
                        _ => Pick(["1", "3", "0", "50", "51", "86400", "x", "-1", "2147483648"]),
                    } : JunkString();
                    parts.Add(($"form-data; name=\"{field}\"", null, Encoding.UTF8.GetBytes(value)));
                }
            }

            if (careful || Chance(0.85))
            {
                var name = careful || Chance(0.9) ? "file" : Pick(["File", "files", "file[]", "", "fi\"le"]);
                var filename = Chance(0.9) ? Pick(["contacts.csv", "c.txt", "", "../../x.csv", "Zoë.csv", "a\"b.csv"]) : null;
                var disposition = filename is null ? $"form-data; name=\"{name}\"" : $"form-data; name=\"{name}\"; filename=\"{filename}\"";
                parts.Add((disposition, Pick(["text/csv", "application/octet-stream", "image/png", "", "garbage"]), Csv()));
                if (Chance(0.05))
                {
                    parts.Add(("form-data; name=\"file\"; filename=\"second.csv\"", "text/csv", Csv()));
                }
            }

            if (Chance(0.03))
            {
                for (var i = 0; i < 1100; i++)
                {
                    parts.Add(($"form-data; name=\"f{i}\"", null, "v"u8.ToArray()));
                }
            }

            Shuffle(parts);
            foreach (var (disposition, contentType, content) in parts)
            {
                Write($"--{boundary}\r\nContent-Disposition: {disposition}\r\n");
                if (!string.IsNullOrEmpty(contentType))
                {
                    Write($"Content-Type: {contentType}\r\n");
                }

                Write("\r\n");
                body.Write(content);
                Write("\r\n");
            }

            var malformed = Chance(0.12);
            if (!malformed || Chance(0.5))
            {
                Write($"--{boundary}--\r\n");
            }
            else
            {
                Write(Pick(["--", $"--{boundary}", "junk", ""]));
            }

            var header = random.Next(20) switch
            {
                < 16 => $"multipart/form-data; boundary={boundary}",
                16 => $"multipart/form-data; boundary=\"{boundary}\"",
                17 => "multipart/form-data; boundary=other",
                18 => "multipart/form-data",
                _ => "multipart/form-data; boundary=" + new string('x', 100),
            };
            return new FuzzBody(malformed ? "multipart-truncated" : "multipart", header, body.ToArray());
        }

        private byte[] Csv()
        {
            if (Chance(0.06))
            {
                return Bytes(random.Next(0, 2048));
            }

            var lines = new List<string>
            {
                Pick(["phone", "phone", "phone,name", "name,phone,simulatedOutcomes", "Phone", "PHONE ", "phone,phone", "", "\"phone\"", "phone;name", "phone,\"na\nme\"", "\uFEFFphone", "name,number"]),
            };
            var rows = Chance(0.03) ? 400 : random.Next(0, 9);
            for (var i = 0; i < rows; i++)
            {
                lines.Add(random.Next(10) switch
                {
                    < 5 => Phone(),
                    5 => $"{Phone()},{JunkString()}",
                    6 => $"{Phone()},\"{JunkString()}",
                    7 => $"\"{Phone()}\",\"a\"\"b\",{Pick(["completed", "busy,completed", "explode"])}",
                    8 => string.Join(',', Enumerable.Repeat(JunkString(), random.Next(1, 40))),
                    _ => JunkString(),
                });
            }

            var newline = Pick(["\n", "\r\n", "\r"]);
            var text = string.Join(newline, lines) + (Chance(0.8) ? newline : "");
            return random.Next(10) switch
            {
                0 => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
                1 => Encoding.Latin1.GetBytes(text),
                _ => Encoding.UTF8.GetBytes(text),
            };
        }

        private FuzzBody FormUrlEncoded()
        {
            var pairs = CreateFields.Where(_ => Chance(0.5)).Select(f => f + "=" + Encode(Chance(0.5) ? "pn_demo" : JunkString())).ToList();
            if (Chance(0.3))
            {
                pairs.Add("file=" + Encode("phone\n+12025550101\n"));
            }

            if (Chance(0.1))
            {
                pairs.Add(Pick(["%", "%zz=1", "=", "&&", "a=%C3%28"]));
            }

            return new FuzzBody("form-urlencoded", Chance(0.9) ? "application/x-www-form-urlencoded" : Pick(ContentTypes), Encoding.UTF8.GetBytes(string.Join('&', pairs)));
        }

        private FuzzBody RandomBytes() =>
            new("random-bytes", Chance(0.8) ? Pick(ContentTypes) : null, Bytes(Chance(0.03) ? 300_000 : random.Next(0, 2048)));

        private string Phone() => random.Next(10) switch
        {
            < 5 => "+1202555" + random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture),
            5 => "+97141234567",
            6 => Pick(["", " ", "12025550101", "+1 202-555-0101", "+", "+0", "+12025550101x", "++12025550101", "+1202555010１"]),
            7 => "+" + new string('9', Pick([15, 16, 100, 3000])),
            8 => "+44 20 7946 0958",
            _ => JunkString(),
        };

        private string JunkString() => random.Next(10) switch
        {
            < 6 => Pick(Strings),
            6 => new string('a', Pick([100, 201, 5000])),
            7 => JunkAscii(),
            8 => new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Pick(['é', 'ß', '日', '\u202E', '\uFEFF', '\u0301', 'İ', '\u212A', ',', '"', '\n', ';', '%'])).ToArray()),
            _ => Chance(0.5) ? "\uD83C\uDF89" : "x\uD800y",
        };

        private string JunkAscii() => new(Enumerable.Range(0, random.Next(1, 16)).Select(_ => (char)random.Next(0x21, 0x7F)).ToArray());

        /// <summary>A JSON string that keeps what it is given, lone surrogates too (as <c>\\uXXXX</c> escapes).</summary>
        private static string Quote(string text)
        {
            var json = new StringBuilder("\"");
            foreach (var c in text)
            {
                if (c is '"' or '\\' or < ' ' || char.IsSurrogate(c))
                {
                    json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                }
                else
                {
                    json.Append(c);
                }
            }

            return json.Append('"').ToString();
        }

        private string Encode(string text)
        {
            try
            {
                return Uri.EscapeDataString(text);
            }
            catch (UriFormatException)
            {
                return "%ED%A0%80";
            }
        }

        private byte[] Bytes(int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        private bool Chance(double probability) => random.NextDouble() < probability;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private void Shuffle<T>(List<T> items)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }
}
