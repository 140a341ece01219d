namespace BatchCalling.Jobs;

/// <summary>A contact taken from the board to be dialed: which one, which attempt, and its progress before.</summary>
public readonly record struct ContactDispatch(int Index, int Attempt, ContactProgress Previous)
{
    /// <summary>No attempt was ever handed to this contact (a reconcile re-asks an attempt the board already counted).</summary>
    public bool IsFirstDial => Previous.Attempts == 0;
}
