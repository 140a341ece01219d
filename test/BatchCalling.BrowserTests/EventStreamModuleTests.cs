using System.Text.Json;

namespace BatchCalling.BrowserTests;

/// <summary>
/// The page's event-stream module (<c>/app/sse.js</c>) run in the browser on streams made up here: how it parses, and when
/// it reconnects, gives up and goes quiet. The flows in <see cref="DashboardFlowTests"/> read the real endpoint with it.
/// </summary>
[Collection(DashboardTests.Name)]
public sealed class EventStreamModuleTests(DashboardFixture fixture)
{
    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task Events_are_read_alike_whatever_chunks_the_stream_arrives_in()
    {
        var runs = await RunOnThePageAsync("""
            async () => {
              const { eventParser } = await import('/app/sse.js');
              const text = ': a comment\r\nevent: job\r\ndata: {"a":1}\r\ndata: x\r\n\r\nevent: ping\ndata: {}\n\nid: 7\ndata:no space\r\r\ndata\n\nevent: gone\n\n';
              return [1, 2, 3, 5, 1000].map(size => {
                const events = [];
                const feed = eventParser(event => events.push(event));
                for (let i = 0; i < text.length; i += size) feed(text.slice(i, i + size));
                return JSON.stringify(events);
              });
            }
            """);

        const string Expected = """[{"event":"job","data":"{\"a\":1}\nx","id":""},{"event":"ping","data":"{}","id":""},{"event":"message","data":"no space","id":"7"},{"event":"message","data":"","id":"7"}]""";
        Assert.All(runs.EnumerateArray(), run => Assert.Equal(Expected, run.GetString()));
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task A_stream_that_ends_or_fails_is_opened_again_until_a_request_error_says_it_never_will()
    {
        var result = await RunOnThePageAsync("""
            async () => {
              const { follow } = await import('/app/sse.js');
              const states = [], events = [], gaps = [];
              let opens = 0, last = performance.now();
              const open = async () => {
                opens++;
                gaps.push(Math.round(performance.now() - last));
                last = performance.now();
                if (opens === 2) throw Object.assign(new Error('unavailable'), { status: 503 });
                if (opens === 4) throw Object.assign(new Error('refused'), { status: 400 });
                return new Response(`event: job\ndata: ${opens}\n\n`);
              };
              await follow(open, event => events.push(event.data), { signal: new AbortController().signal, onState: state => states.push(state) });
              return { opens, states, events, gaps };
            }
            """);

        Assert.Equal(4, result.GetProperty("opens").GetInt32());
        Assert.Equal(["live", "reconnecting", "reconnecting", "live", "reconnecting", "stopped"], Strings(result.GetProperty("states")));
        Assert.Equal(["1", "3"], Strings(result.GetProperty("events")));
        // Backoff with ±25 % jitter: 1 s after an end, 2 s after a second failure in a row, 1 s again (not 4) once a stream
        // opened. The upper bounds leave room for a loaded machine's late timers.
        var gaps = result.GetProperty("gaps").EnumerateArray().Select(g => g.GetInt32()).ToArray();
        Assert.InRange(gaps[1], 750, 1900);
        Assert.InRange(gaps[2], 1500, 3500);
        Assert.InRange(gaps[3], 750, 2900);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task A_stream_gone_quiet_is_dropped_and_opened_again_and_leaving_ends_it()
    {
        var result = await RunOnThePageAsync("""
            async () => {
              const { follow } = await import('/app/sse.js');
              const leave = new AbortController();
              const states = [];
              let opens = 0;
              // Like fetch's, the body fails when the attempt is aborted; it sends one event and then nothing.
              const open = async attempt => {
                if (++opens === 2) setTimeout(() => leave.abort(), 100);
                return new Response(new ReadableStream({
                  start(controller) {
                    controller.enqueue(new TextEncoder().encode('event: job\ndata: {}\n\n'));
                    attempt.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
                  },
                }));
              };
              await follow(open, () => {}, { signal: leave.signal, onState: state => states.push(state), quietMs: 300 });
              return { opens, states };
            }
            """);

        Assert.Equal(2, result.GetProperty("opens").GetInt32());
        Assert.Equal(["live", "reconnecting", "live"], Strings(result.GetProperty("states")));
    }

    /// <summary>Runs <paramref name="script"/> (an async function) on the page at <c>/</c>, where it can import the page's modules.</summary>
    private async Task<JsonElement> RunOnThePageAsync(string script)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        return await page.EvaluateAsync<JsonElement>(script);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
