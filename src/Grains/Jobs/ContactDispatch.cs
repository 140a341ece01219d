namespace BatchCalling.Jobs;

/// <summary>A contact taken from the board to be dialed: which one, which attempt, and its progress before.</summary>
public readonly record struct ContactDispatch(int Index, int Attempt, ContactProgress Previous);
