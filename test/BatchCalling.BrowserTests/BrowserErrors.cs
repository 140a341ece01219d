using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace BatchCalling.BrowserTests;

/// <summary>
/// What went wrong in one page, as the browser reported it: every <c>console.error</c> (Chromium also logs there a resource
/// or <c>fetch</c> answered 4xx/5xx, and a blocked script or style) and every uncaught exception or rejection (<c>pageerror</c>).
/// </summary>
internal sealed class BrowserErrors
{
    private readonly ConcurrentQueue<string> _errors = new();

    public BrowserErrors(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console.error at {message.Location}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue("pageerror: " + error);
    }

    public IReadOnlyList<string> All => [.. _errors];
}
