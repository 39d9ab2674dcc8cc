using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>The "at" of a publish form: a datetime-local control's value read as UTC; empty means now.</summary>
public static class ConsoleTime
{
    /// <summary>Null when the text is empty or a date and time (then <paramref name="at"/> holds it); else the field's message.</summary>
    public static CommandOutcome? ParseAt(string? text, out DateTimeOffset? at, string field = "at")
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return new CommandOutcome(400, null, new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"'{field}' must be a date and time."] }) { Detail = $"Invalid: {field}." });
        }

        at = new DateTimeOffset(parsed, TimeSpan.Zero);
        return null;
    }
}
