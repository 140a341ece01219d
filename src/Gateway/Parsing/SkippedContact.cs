namespace BatchCalling.Gateway.Parsing;

/// <summary>A row left out of an upload: its 1-based CSV record number (or 0-based JSON index), what it held, and why.</summary>
public sealed record SkippedContact(int Row, string? Phone, string Reason);
