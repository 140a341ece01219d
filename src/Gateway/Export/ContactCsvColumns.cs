using System.Globalization;
using System.Text.Json;
using BatchCalling.Contacts;
using BatchCalling.Wire;

namespace BatchCalling.Gateway.Export;

/// <summary>
/// The columns of one job's export: the fixed ones of <see cref="Fixed"/>, then each custom field in first-seen order; and
/// a contact as cells under them. Every cell the customer or a platform wrote is made safe by <see cref="SpreadsheetCell"/>,
/// header names included; times are UTC ISO 8601, <c>callDuration</c> whole seconds, an unknown value an empty cell.
/// </summary>
public sealed class ContactCsvColumns
{
    public static readonly IReadOnlyList<string> Fixed =
        ["index", "phone", "name", "status", "attempts", "lastOutcome", "errorCode", "callDuration", "lastAttemptAt", "completedAt", "summary", "recordingUrl"];

    private readonly Dictionary<string, int> _customColumn = new(StringComparer.Ordinal);

    public ContactCsvColumns(IReadOnlyList<string> customFields)
    {
        Header = [.. Fixed, .. customFields.Select(SpreadsheetCell.Text)];
        for (var n = 0; n < customFields.Count; n++)
        {
            _customColumn[customFields[n]] = Fixed.Count + n;
        }
    }

    public IReadOnlyList<string> Header { get; }

    public string[] Cells(ContactExportRow row)
    {
        var cells = new string[Header.Count];
        cells[0] = row.Index.ToString(CultureInfo.InvariantCulture);
        cells[1] = SpreadsheetCell.Phone(row.Contact.Phone);
        cells[2] = SpreadsheetCell.Text(row.Contact.Name);
        cells[3] = WireNames.Of(row.Status);
        cells[4] = row.Attempts.ToString(CultureInfo.InvariantCulture);
        cells[5] = row.LastOutcome is { } outcome ? WireNames.Of(outcome) : "";
        cells[6] = SpreadsheetCell.Text(row.ErrorCode);
        cells[7] = JobContactResponse.WholeSeconds(row.LastCallSeconds)?.ToString(CultureInfo.InvariantCulture) ?? "";
        cells[8] = row.LastAttemptAt is { } attempted ? UtcTimestamp.Format(attempted) : "";
        cells[9] = row.CompletedAt is { } completed ? UtcTimestamp.Format(completed) : "";
        cells[10] = SpreadsheetCell.Text(row.Summary);
        cells[11] = SpreadsheetCell.Text(row.RecordingUrl);
        FillCustomFields(cells, row.Contact.CustomFieldsJson);
        return cells;
    }

    /// <summary>Each custom field under its column (the first of a repeated name wins): text as is, other JSON values as their JSON.</summary>
    private void FillCustomFields(string[] cells, string? json)
    {
        var values = new string?[cells.Length - Fixed.Count];
        if (json is not null)
        {
            using var fields = JsonDocument.Parse(json);
            foreach (var field in fields.RootElement.EnumerateObject())
            {
                if (_customColumn.TryGetValue(field.Name, out var column))
                {
                    values[column - Fixed.Count] ??= field.Value.ValueKind switch
                    {
                        JsonValueKind.String => field.Value.GetString(),
                        JsonValueKind.Null => "",
                        _ => field.Value.GetRawText(),
                    };
                }
            }
        }

        for (var n = 0; n < values.Length; n++)
        {
            cells[Fixed.Count + n] = SpreadsheetCell.Text(values[n]);
        }
    }
}
