using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BatchCalling.Testing;

/// <summary>
/// A webhook endpoint for tests on a loopback port: keeps every post (path, Standard Webhooks headers, raw body) in the
/// order it came and answers 204; told to, it answers another status, answers late, or never answers (the sender times
/// out), until it is told to recover.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _posts = new();
    private WebApplication _app = null!;
    private volatile Behaviour _behaviour = Behaviour.Healthy;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Posts => [.. _posts];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        receiver._app = builder.Build();
        receiver._app.MapPost("/{**path}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.Address = new Uri(receiver._app.Urls.Single());
        return receiver;
    }

    /// <summary>The URL of one endpoint here: posts to it are told apart by their path.</summary>
    public string Url(string path = "hooks") => new Uri(Address, path).ToString();

    public void AnswerWith(int status) => _behaviour = Behaviour.Healthy with { Status = status };

    public void AnswerAfter(TimeSpan delay) => _behaviour = Behaviour.Healthy with { Delay = delay };

    /// <summary>Takes posts and never answers them.</summary>
    public void Hang() => _behaviour = Behaviour.Healthy with { Delay = Timeout.InfiniteTimeSpan };

    public void Recover() => _behaviour = Behaviour.Healthy;

    /// <summary>The posts to one path.</summary>
    public IReadOnlyList<ReceivedWebhook> PostsTo(string path = "hooks") => [.. _posts.Where(p => p.Path == path)];

    /// <summary>Until the posts to <paramref name="path"/> satisfy <paramref name="condition"/>; what they were when they did not.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, string awaited,
        string path = "hooks", TimeSpan? timeout = null)
    {
        IReadOnlyList<ReceivedWebhook> posts = [];
        await Wait.UntilAsync(() => Task.FromResult(condition(posts = PostsTo(path))), timeout ?? TimeSpan.FromSeconds(30),
            () => $"{awaited}; got [{string.Join(", ", PostsTo(path).Select(p => $"{p.Id} {p.Answered}"))}]");
        return posts;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(string path, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var behaviour = _behaviour;
        var answered = behaviour.Delay == Timeout.InfiniteTimeSpan ? 0 : behaviour.Status;
        _posts.Enqueue(new ReceivedWebhook(path, request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
            request.Headers["webhook-signature"].ToString(), body, answered, DateTimeOffset.UtcNow));
        try
        {
            await Task.Delay(behaviour.Delay, request.HttpContext.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The sender gave up waiting.
        }

        return Results.StatusCode(behaviour.Status);
    }

    private sealed record Behaviour(int Status, TimeSpan Delay)
    {
        public static readonly Behaviour Healthy = new(StatusCodes.Status204NoContent, TimeSpan.Zero);
    }
}
