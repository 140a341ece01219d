using System.Globalization;
using System.Text;
using BatchCalling.Contacts;
using BatchCalling.Gateway.Export;
using CsvHelper;

namespace BatchCalling.UnitTests.Export;

public sealed class ContactsCsvWriterTests
{
    private static ContactExportRow Row(int index, string? name, string? customFieldsJson) =>
        new(index, new ContactInput($"+1202555{index:D4}", name, customFieldsJson), ContactStatus.Completed, 1, CallOutcome.Completed,
            null, 30, null, null, null, null);

    private static async Task<byte[]> WriteAsync(IReadOnlyList<string> customFields, params ContactExportRow[][] pages)
    {
        using var body = new MemoryStream();
        await using (var writer = new ContactsCsvWriter(body, new ContactCsvColumns(customFields)))
        {
            await writer.WriteHeaderAsync(CancellationToken.None);
            foreach (var page in pages)
            {
                await writer.WriteAsync(page, CancellationToken.None);
            }
        }

        return body.ToArray();
    }

    private static List<string[]> Parse(byte[] csv)
    {
        using var reader = new StreamReader(new MemoryStream(csv), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (parser.Read())
        {
            records.Add(parser.Record!);
        }

        return records;
    }

    [Fact]
    public async Task The_file_is_UTF8_with_a_BOM_and_CRLF_records()
    {
        var csv = await WriteAsync([], [Row(0, "Ada", null)]);

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csv[..3]);
        Assert.Equal(
            "index,phone,name,status,attempts,lastOutcome,errorCode,callDuration,lastAttemptAt,completedAt,summary,recordingUrl\r\n" +
            "0,+12025550000,Ada,completed,1,completed,,30,,,,\r\n",
            Encoding.UTF8.GetString(csv[3..]));
    }

    [Fact]
    public async Task Quotes_commas_and_line_breaks_are_quoted_per_RFC_4180()
    {
        var csv = await WriteAsync(["note"], [Row(0, "Ada \"the first\"", """{"note":"one, two\r\nthree\nfour"}""")]);

        Assert.EndsWith(",\"Ada \"\"the first\"\"\",completed,1,completed,,30,,,,,\"one, two\r\nthree\nfour\"\r\n", Encoding.UTF8.GetString(csv[3..]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_tricky_cell_reads_back_as_written_across_pages()
    {
        string[] names = ["=1+1", "Zoë 東京 🎉", "line\nbreak", "\"quoted\"", "a,b", "@x", "-1", "\ttab", " spaced ", ""];
        var rows = names.Select((name, i) => Row(i, name, $$"""{"note":"{{System.Text.Json.JsonEncodedText.Encode(name)}}"}""")).ToArray();

        var records = Parse(await WriteAsync(["note"], rows[..4], [], rows[4..]));

        Assert.Equal(names.Length + 1, records.Count);
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal((i.ToString(CultureInfo.InvariantCulture), SpreadsheetCell.Text(names[i]), SpreadsheetCell.Text(names[i])),
                (records[i + 1][0], records[i + 1][2], records[i + 1][12]));
        }
    }
}
