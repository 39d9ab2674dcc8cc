using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// Runs one of the headless-Chromium scripts in tests/oidc-provider/e2e with node. A line "need X" from the script
/// asks the test to act (<c>onNeed</c>), after which the script is told "done"; the last line of its output is the
/// JSON of what it saw.
/// </summary>
public static class BrowserScript
{
    public static async Task<JsonElement> RunAsync(
        string script, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? arguments = null, Func<string, Task>? onNeed = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var psi = new ProcessStartInfo("node")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        psi.ArgumentList.Add(Path.Combine(Repo.Root, "tests", "oidc-provider", "e2e", script));
        foreach (var argument in arguments ?? [])
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        string? last = null;
        // A script that never ends (a browser step or a stdin wait that hangs) fails the test instead of the whole run.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        using var stop = deadline.Token.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } });
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
            if (line.StartsWith("need ", StringComparison.Ordinal))
            {
                Assert.NotNull(onNeed);
                await onNeed(line["need ".Length..]);
                await process.StandardInput.WriteLineAsync("done");
                await process.StandardInput.FlushAsync();
            }
            else if (line.Length > 0)
            {
                last = line;
            }
        }

        await process.WaitForExitAsync();
        Assert.False(deadline.IsCancellationRequested, $"browser script {script} ran past 8 minutes and was stopped:\n{output}\n{await stderr}");
        Assert.True(process.ExitCode == 0, $"browser script {script} failed:\n{output}\n{await stderr}");
        return JsonDocument.Parse(last!).RootElement.Clone();
    }
}
