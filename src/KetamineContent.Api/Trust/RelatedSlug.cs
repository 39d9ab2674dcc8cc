using System.Text.Json;
using System.Text.Json.Serialization;

namespace KetamineContent.Api.Trust;

/// <summary>
/// One entry of a revision's <c>related</c> as an editor sends it: a slug, or an object with <c>slug</c> (the shape a
/// revision's content shows, so that what was read can be posted back; its other fields are ignored).
/// </summary>
[JsonConverter(typeof(RelatedSlugConverter))]
public sealed record RelatedSlug(string Slug);

public sealed class RelatedSlugConverter : JsonConverter<RelatedSlug>
{
    public override RelatedSlug? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new RelatedSlug(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An entry of 'related' must be a slug or an object with 'slug'.");
        }

        using var entry = JsonDocument.ParseValue(ref reader);
        return entry.RootElement.TryGetProperty("slug", out var slug) && slug.ValueKind == JsonValueKind.String
            ? new RelatedSlug(slug.GetString()!)
            : throw new JsonException("An entry of 'related' must be a slug or an object with 'slug'.");
    }

    public override void Write(Utf8JsonWriter writer, RelatedSlug value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Slug);
    }
}
