using System.Diagnostics;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>pandoc (Debian package), a converter the project did not write: makes the Word and HTML files the import tests read.</summary>
public static class Pandoc
{
    /// <summary>Converts a Markdown file; the output format follows the extension of <paramref name="output"/>.</summary>
    public static async Task<byte[]> ConvertAsync(string markdownFile, string output, params string[] options)
    {
        var psi = new ProcessStartInfo("pandoc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--from=markdown");
        foreach (var option in options)
        {
            psi.ArgumentList.Add(option);
        }

        psi.ArgumentList.Add("--output=" + output);
        psi.ArgumentList.Add(markdownFile);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("pandoc did not start (apt-get install pandoc)");
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, "pandoc failed: " + await stderr);
        return await File.ReadAllBytesAsync(output);
    }
}
