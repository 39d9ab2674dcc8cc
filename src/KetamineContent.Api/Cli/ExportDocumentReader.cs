using System.Text;
using System.Text.Json;

namespace KetamineContent.Api.Cli;

/// <summary>
/// Reads a document written by export as a stream: the header (format and migrations), then each table's name and
/// its rows in batches, so a restore holds one batch in memory whatever the size of the export. Each row is handed on
/// as the raw JSON PostgreSQL wrote. Malformed JSON throws <see cref="JsonException"/>.
/// </summary>
public sealed class ExportDocumentReader(Stream stream)
{
    private delegate bool Step<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, out T result);

    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;
    private bool _inTable;

    public sealed record Header(string? Format, IReadOnlyList<string> Migrations);

    /// <summary>Everything before "tables", stopping inside the tables object.</summary>
    public Header ReadHeader()
    {
        Expect(JsonTokenType.StartObject);
        string? format = null;
        var migrations = new List<string>();
        while (true)
        {
            var (type, name) = Run<(JsonTokenType, string?)>(Token);
            if (type != JsonTokenType.PropertyName)
            {
                throw new JsonException("the document has no \"tables\"");
            }

            switch (name)
            {
                case "format":
                    format = Run<(JsonTokenType, string?)>(Token).Item2;
                    break;
                case "migrations":
                    Expect(JsonTokenType.StartArray);
                    while (Run<(JsonTokenType, string?)>(Token) is (JsonTokenType.String, { } id))
                    {
                        migrations.Add(id);
                    }

                    break;
                case "tables":
                    Expect(JsonTokenType.StartObject);
                    return new Header(format, migrations);
                default:
                    Run<string>(RawValue);
                    break;
            }
        }
    }

    /// <summary>The name of the next table (positioned at its first row), or null after the last one.</summary>
    public string? NextTable()
    {
        if (_inTable)
        {
            throw new InvalidOperationException("read the current table's rows first");
        }

        var (type, name) = Run<(JsonTokenType, string?)>(Token);
        if (type == JsonTokenType.EndObject)
        {
            return null;
        }

        if (type != JsonTokenType.PropertyName)
        {
            throw new JsonException("expected a table name");
        }

        Expect(JsonTokenType.StartArray);
        _inTable = true;
        return name;
    }

    /// <summary>
    /// Appends up to <paramref name="maxRows"/> rows of the current table (or fewer once <paramref name="maxChars"/>
    /// is reached) to <paramref name="batch"/> as a JSON array; returns how many, 0 when the table has no more.
    /// </summary>
    public int ReadRows(StringBuilder batch, int maxRows, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Clear().Append('[');
        var rows = 0;
        while (_inTable && rows < maxRows && batch.Length < maxChars)
        {
            var row = Run<string?>(RowOrEnd);
            if (row is null)
            {
                _inTable = false;
                break;
            }

            batch.Append(rows++ == 0 ? "" : ",").Append(row);
        }

        batch.Append(']');
        return rows;
    }

    private void Expect(JsonTokenType expected)
    {
        var (type, _) = Run<(JsonTokenType, string?)>(Token);
        if (type != expected)
        {
            throw new JsonException($"expected {expected}, found {type}");
        }
    }

    private static bool Token(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, out (JsonTokenType, string?) result)
    {
        result = default;
        if (!reader.Read())
        {
            return false;
        }

        result = (reader.TokenType, reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null);
        return true;
    }

    private static bool RawValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, out string result)
    {
        result = "";
        return reader.Read() && CurrentValue(ref reader, data, out result);
    }

    /// <summary>The next row of a table as raw JSON, or null at the end of the table's array.</summary>
    private static bool RowOrEnd(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, out string? result)
    {
        result = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a table row must be a JSON object");
        }

        var complete = CurrentValue(ref reader, data, out var row);
        result = row;
        return complete;
    }

    /// <summary>The raw text of the value starting at the current token, when all of it is buffered.</summary>
    private static bool CurrentValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, out string result)
    {
        result = "";
        var from = (int)reader.TokenStartIndex;
        if (!reader.TrySkip())
        {
            return false;
        }

        result = Encoding.UTF8.GetString(data[from..(int)reader.BytesConsumed]);
        return true;
    }

    /// <summary>Runs one step on the buffered bytes; when they end mid-token, reads more and runs it again from the same place.</summary>
    private T Run<T>(Step<T> step)
    {
        while (true)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            var reader = new Utf8JsonReader(data, _final, _state);
            if (step(ref reader, data, out var result))
            {
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                return result;
            }

            if (_final)
            {
                throw new JsonException("the document ends too early");
            }

            Fill();
        }
    }

    private void Fill()
    {
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }

        _start = 0;
        _end = pending;
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _final = read == 0;
    }
}
