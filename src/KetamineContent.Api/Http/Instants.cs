using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KetamineContent.Api.Http;

/// <summary>
/// One date format in every answer: ISO 8601 / RFC 3339 in UTC with microseconds (PostgreSQL's precision) and a
/// <c>Z</c>, e.g. <c>2026-11-22T05:34:02.123456Z</c>; the same text in JSON bodies, JSON-LD, webhook payloads and
/// problem details, so a value read anywhere can be sent back as <c>asOf</c> and compares exactly. Any RFC 3339 text
/// (any offset, any precision) is accepted on input.
/// </summary>
public static class Instants
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Text(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string Text(DateTime value) =>
        (value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime())
            .ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>How JSON the API stores and later answers verbatim (audit details) is written: camelCase, these dates.</summary>
    public static JsonSerializerOptions StoredJson { get; } = Stored();

    private static JsonSerializerOptions Stored()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        AddConverters(options);
        options.MakeReadOnly();
        return options;
    }

    public static void AddConverters(JsonSerializerOptions options)
    {
        options.Converters.Add(new OffsetConverter());
        options.Converters.Add(new DateTimeConverter());
    }

    private sealed class OffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(Text(value));
    }

    private sealed class DateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(Text(value));
    }
}
