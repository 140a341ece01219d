using System.Collections.Concurrent;
using BatchCalling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BatchCalling.ClusterTests;

/// <summary>
/// A stand-in for one of the gateway's call-event routes (<see cref="Route"/>) on a loopback port: keeps every post in the
/// order it came, each read and answered by <see cref="ReadAsync"/>, and waits for the one a test expects.
/// </summary>
public abstract class LoopbackReceiver<TPost> : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string CallId, TPost Post)> _posts = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    /// <summary>The route's pattern, with <c>{callId}</c>.</summary>
    protected abstract string Route { get; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost(Route, async (string callId, HttpRequest request) =>
        {
            var (post, status) = await ReadAsync(callId, request);
            _posts.Enqueue((callId, post));
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
        Address = new Uri(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>What the post was, and the status it is answered.</summary>
    protected abstract Task<(TPost Post, int Status)> ReadAsync(string callId, HttpRequest request);

    /// <summary>Every post for the call, in the order they came.</summary>
    protected List<TPost> PostsOf(string callId) => [.. _posts.Where(p => p.CallId == callId).Select(p => p.Post)];

    /// <summary>Until the call's posts include one that <paramref name="matches"/>; <paramref name="describe"/> tells the others when none does.</summary>
    protected async Task<TPost> WaitForAsync(string callId, string awaited, Func<TPost, bool> matches, Func<TPost, string> describe, TimeSpan? timeout)
    {
        TPost? taken = default;
        await Wait.UntilAsync(
            () => Task.FromResult((taken = PostsOf(callId).FirstOrDefault(matches)) is not null),
            timeout ?? TimeSpan.FromSeconds(15),
            () => $"no {awaited} of {callId}; got [{string.Join(", ", PostsOf(callId).Select(describe))}]");
        return taken!;
    }
}
