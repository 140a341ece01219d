namespace BatchCalling.Contacts;

/// <summary>Contact grain keys and call ids: both name the job and the contact so any party can route by them.</summary>
public static class ContactKey
{
    public static string For(string jobId, int index) => $"{jobId}/{index}";

    public static string CallId(string jobId, int index, int attempt) => $"call_{jobId}_{index}_{attempt}";

    /// <summary>Parses a call id made by <see cref="CallId"/> back into the contact grain key.</summary>
    public static bool TryParseCallId(string callId, out string contactKey)
    {
        contactKey = "";
        if (!callId.StartsWith("call_", StringComparison.Ordinal))
        {
            return false;
        }

        var attemptSep = callId.LastIndexOf('_');
        var indexSep = attemptSep > 5 ? callId.LastIndexOf('_', attemptSep - 1) : -1;
        if (indexSep <= 5 || !int.TryParse(callId.AsSpan(indexSep + 1, attemptSep - indexSep - 1), out var index))
        {
            return false;
        }

        contactKey = For(callId[5..indexSep], index);
        return true;
    }
}
