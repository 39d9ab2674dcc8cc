using System.Diagnostics;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>pandoc (Debian package), a converter the project did not write: makes the Word and HTML files the import tests read.</summary>
public static class Pandoc
{
    /// <summary>The plain text pandoc reads in a document of format <paramref name="from"/> (html, docx), one paragraph a line.</summary>
    public static async Task<string> PlainTextAsync(byte[] document, string from)
    {
        var input = Path.Combine(Path.GetTempPath(), $"kc-pandoc-{Guid.NewGuid():N}.{from}");
        var output = Path.ChangeExtension(input, ".txt");
        await File.WriteAllBytesAsync(input, document);
        try
        {
            await RunAsync(["--from=" + from, "--to=plain", "--wrap=none", "--output=" + output, input]);
            return await File.ReadAllTextAsync(output);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>Converts a Markdown file; the output format follows the extension of <paramref name="output"/>.</summary>
    public static async Task<byte[]> ConvertAsync(string markdownFile, string output, params string[] options)
    {
        await RunAsync(["--from=markdown", .. options, "--output=" + output, markdownFile]);
        return await File.ReadAllBytesAsync(output);
    }

    private static async Task RunAsync(IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo("pandoc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("pandoc did not start (apt-get install pandoc)");
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, "pandoc failed: " + await stderr);
    }
}
