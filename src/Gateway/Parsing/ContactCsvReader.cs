using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace BatchCalling.Gateway.Parsing;

/// <summary>
/// Reads a contacts CSV: a header with a <c>phone</c> column (any case, trimmed), optional <c>name</c>, every other
/// column kept as a string custom field. RFC 4180 quoting, UTF-8 with or without BOM, CRLF or LF, blank lines skipped.
/// </summary>
public static class ContactCsvReader
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        IgnoreBlankLines = true,
        MissingFieldFound = null,
        HeaderValidated = null,
        DetectColumnCountChanges = false,
    };

    public static ContactUpload Read(Stream csv)
    {
        using var reader = new StreamReader(csv, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvReader(reader, Configuration);
        try
        {
            if (!parser.Read() || !parser.ReadHeader() || parser.HeaderRecord is not { } header || header.Any(h => h.Contains('\0', StringComparison.Ordinal)))
            {
                return ContactUpload.Failure(UploadErrors.InvalidCsv);
            }

            var columns = Columns.From(header);
            if (columns.Phone < 0)
            {
                return ContactUpload.Failure(UploadErrors.MissingPhoneColumn);
            }

            var upload = new ContactUploadBuilder();
            var row = 0;
            while (!upload.TooMany && parser.Read())
            {
                var record = parser.Parser.Record ?? [];
                upload.Add(++row, Field(record, columns.Phone)?.Trim(), Field(record, columns.Name), columns.CustomFieldsJson(record));
            }

            return upload.Build();
        }
        catch (CsvHelperException)
        {
            return ContactUpload.Failure(UploadErrors.InvalidCsv);
        }
    }

    private static string? Field(string[] record, int index) => index >= 0 && index < record.Length ? record[index] : null;

    /// <summary>Where the phone and name are, and which other columns become custom fields (first of a repeated name wins).</summary>
    private sealed record Columns(int Phone, int Name, IReadOnlyList<(int Index, string Name)> Custom)
    {
        public static Columns From(string[] header)
        {
            var names = header.Select(h => h.Trim()).ToArray();
            var phone = Array.FindIndex(names, n => n.Equals("phone", StringComparison.OrdinalIgnoreCase));
            var name = Array.FindIndex(names, n => n.Equals("name", StringComparison.OrdinalIgnoreCase));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var custom = names.Select((n, i) => (Index: i, Name: n))
                .Where(c => c.Index != phone && c.Index != name && c.Name.Length > 0 && seen.Add(c.Name))
                .ToList();
            return new Columns(phone, name, custom);
        }

        public string? CustomFieldsJson(string[] record)
        {
            if (Custom.Count == 0)
            {
                return null;
            }

            return JsonObjectText.Write((Custom, record), static (json, row) =>
            {
                foreach (var (index, name) in row.Custom)
                {
                    json.WriteString(name, Field(row.record, index) ?? "");
                }
            });
        }
    }
}
