using BatchCalling.Contacts;

namespace BatchCalling.Gateway.Parsing;

/// <summary>
/// An upload read: the valid contacts in order, the first skipped rows and how many were skipped in all; or,
/// when the upload cannot be used at all, <see cref="Error"/>.
/// </summary>
public sealed record ContactUpload(
    IReadOnlyList<ContactInput> Contacts,
    IReadOnlyList<SkippedContact> Skipped,
    int SkippedCount,
    string? Error)
{
    public static ContactUpload Failure(string error) => new([], [], 0, error);
}
