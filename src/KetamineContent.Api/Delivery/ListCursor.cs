using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace KetamineContent.Api.Delivery;

/// <summary>An opaque keyset position: the sort it belongs to, the sort value and the id of the last item seen.</summary>
public sealed record ListCursor(string Sort, string Value, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire(Sort, Value, Id)));

    public static bool TryDecode(string? text, out ListCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 1024)
        {
            return false;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(text);
            var wire = JsonSerializer.Deserialize<Wire>(Encoding.UTF8.GetString(bytes));
            if (wire?.S is null || wire.V is null || wire.I == Guid.Empty)
            {
                return false;
            }

            cursor = new ListCursor(wire.S, wire.V, wire.I);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    private sealed record Wire(string S, string V, Guid I);
}
