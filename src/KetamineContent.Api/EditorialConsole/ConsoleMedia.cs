using System.Globalization;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>How the console shows an asset: its file through the console's own session (GET /console/media/{id}/{filename}).</summary>
public static class ConsoleMedia
{
    public static string FileUrl(Guid id, string filename) => $"/console/media/{id}/{Uri.EscapeDataString(filename)}";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / 1024.0 / 1024).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
    };
}
