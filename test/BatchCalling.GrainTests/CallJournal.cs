using System.Collections.Concurrent;

namespace BatchCalling.GrainTests;

/// <summary>
/// Every grain call the silos receive, in the order they start: what a test needs to see which message a grain sent
/// first. Cheap enough to run in every cluster; tests read only the calls of their own grains.
/// </summary>
public sealed class CallJournal : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(GrainId Target, string Method, object?[] Arguments)> _calls = new();

    public IReadOnlyList<(GrainId Target, string Method, object?[] Arguments)> Calls => [.. _calls];

    public Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.Enqueue((context.TargetId, context.MethodName, [.. Enumerable.Range(0, context.Request.GetArgumentCount()).Select(context.Request.GetArgument)]));
        return context.Invoke();
    }
}
