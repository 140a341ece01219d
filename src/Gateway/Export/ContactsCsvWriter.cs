using System.Globalization;
using System.Text;
using BatchCalling.Contacts;
using CsvHelper;
using CsvHelper.Configuration;

namespace BatchCalling.Gateway.Export;

/// <summary>
/// Writes an export to a stream: RFC 4180 CSV (CsvHelper quotes a field holding a comma, a quote or a line break, and ends
/// records with CRLF), UTF-8 with a BOM, which spreadsheets need to read it as UTF-8. Each page is formatted in memory, then
/// written and flushed asynchronously: the writer holds one page whatever the job's size, and never writes a response
/// synchronously (Kestrel forbids it).
/// </summary>
public sealed class ContactsCsvWriter : IAsyncDisposable
{
    // Cells are guarded by SpreadsheetCell, which lets the phone column keep its '+'; CsvHelper's own guard would not.
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None };

    private readonly ContactCsvColumns _columns;
    private readonly StringWriter _page = new(CultureInfo.InvariantCulture);
    private readonly CsvWriter _csv;
    private readonly StreamWriter _body;

    public ContactsCsvWriter(Stream body, ContactCsvColumns columns)
    {
        _columns = columns;
        _csv = new CsvWriter(_page, Configuration);
        _body = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
    }

    public Task WriteHeaderAsync(CancellationToken cancellationToken)
    {
        WriteRecord(_columns.Header);
        return FlushAsync(cancellationToken);
    }

    public Task WriteAsync(IEnumerable<ContactExportRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            WriteRecord(_columns.Cells(row));
        }

        return FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync();
        await _body.DisposeAsync();
    }

    private void WriteRecord(IEnumerable<string> cells)
    {
        foreach (var cell in cells)
        {
            _csv.WriteField(cell);
        }

        _csv.NextRecord();
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _csv.Flush();
        var text = _page.GetStringBuilder();
        await _body.WriteAsync(text, cancellationToken);
        await _body.FlushAsync(cancellationToken);
        text.Clear();
    }
}
