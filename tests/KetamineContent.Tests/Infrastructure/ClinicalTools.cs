using System.Diagnostics;
using System.Text.Json;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// Oracles from npm the project did not write (tests/clinical-tools, installed by .ci/run with npm ci): feedparser reads
/// Atom feeds, jsonld (the JSON-LD processor) expands JSON-LD in its safe mode (a term it would drop is an error).
/// </summary>
public static class ClinicalTools
{
    private static readonly string Folder = Path.Combine(Repo.Root, "tests", "clinical-tools");

    /// <summary>feedparser's reading of an Atom feed: { meta, items }.</summary>
    public static Task<JsonElement> ParseFeedAsync(byte[] feed) => RunAsync("parse-feed.mjs", feed);

    /// <summary>The expanded form of a JSON-LD document fetched from <paramref name="url"/> (its base).</summary>
    public static async Task<JsonElement> ExpandJsonLdAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(url);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        return await RunAsync("expand-jsonld.mjs", await response.Content.ReadAsByteArrayAsync(), new Uri(client.BaseAddress!, url).AbsoluteUri);
    }

    private static async Task<JsonElement> RunAsync(string script, byte[] input, string? argument = null)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules")), "run: (cd tests/clinical-tools && npm ci)");
        var psi = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        if (argument is not null)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{script} failed: {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }
}
