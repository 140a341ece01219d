namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>The misbehaviours a contact's <c>simulatedBehaviour</c> asks of its call (wire names in <see cref="BehaviourNames"/>).</summary>
[Flags]
public enum Behaviour
{
    None = 0,

    /// <summary>The final event is posted twice, with the same webhook-id.</summary>
    DuplicateEvents = 1 << 0,

    /// <summary>The final event is posted first, then <c>answered</c> and <c>ringing</c>.</summary>
    ReorderedEvents = 1 << 1,

    /// <summary>The final event is never posted; GET still tells the outcome.</summary>
    LostEvent = 1 << 2,

    /// <summary>The first POST places the call, then answers 500.</summary>
    ErrorAfterPlace = 1 << 3,

    /// <summary>The first POST answers 503 with Retry-After and places nothing.</summary>
    ErrorBeforePlace = 1 << 4,

    /// <summary>The first POST answers 429 with Retry-After and places nothing.</summary>
    Reject429 = 1 << 5,

    /// <summary>The first POST places the call and holds its answer for <c>Platform:HangingAnswerMs</c>.</summary>
    TimeoutFirstPost = 1 << 6,

    /// <summary>Every POST waits <c>Platform:SlowAnswerMs</c> before answering.</summary>
    SlowAnswer = 1 << 7,

    /// <summary>The call ends only when hung up.</summary>
    NeverEnds = 1 << 8,
}
