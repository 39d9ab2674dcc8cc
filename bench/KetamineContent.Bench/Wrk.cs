using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace KetamineContent.Bench;

/// <summary>
/// One wrk run: requests/s, p50, p99 (ms) and errors (socket errors plus non-2xx/3xx answers); of those, the wrong
/// answers (non-2xx/3xx statuses) apart from the connect/read/write errors and timeouts (a slow or loaded machine).
/// </summary>
public sealed record WrkResult(double RequestsPerSecond, double P50, double P95, double P99, long Errors, long Requests, long WrongAnswers = 0, long Timeouts = 0);

public static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(string url, TimeSpan duration, int connections, IReadOnlyList<string> headers)
    {
        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { connections == 1 ? "-t1" : "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", ScriptPath() })
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var h in headers)
        {
            psi.ArgumentList.Add("-H");
            psi.ArgumentList.Add(h);
        }

        psi.ArgumentList.Add(url);
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return Parse(output);
    }

    /// <summary>A wrk script that prints p95 too (wrk's --latency prints 50/75/90/99 only).</summary>
    private static string ScriptPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "kc-wrk-percentiles.lua");
        File.WriteAllText(path, """
            done = function(summary, latency, requests)
              io.write(string.format("P95_US %d\n", latency:percentile(95)))
            end
            """);
        return path;
    }

    public static WrkResult Parse(string output)
    {
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Total().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output);
        var wrong = non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = Socket().Match(output);
        var socketErrors = socket.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture)) : 0;
        var timeouts = socket.Success ? long.Parse(socket.Groups[4].Value, CultureInfo.InvariantCulture) : 0;

        var p95 = P95().Match(output);
        return new WrkResult(rps, Percentile(output, "50%"), p95.Success ? double.Parse(p95.Groups[1].Value, CultureInfo.InvariantCulture) / 1000 : double.NaN,
            Percentile(output, "99%"), wrong + socketErrors, requests, wrong, timeouts);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, @"^\s+" + Regex.Escape(label) + @"\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            return double.NaN; // a run where nothing was answered in time prints no distribution
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, "m" => value * 60_000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Total();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex Socket();

    [GeneratedRegex(@"P95_US (\d+)")]
    private static partial Regex P95();
}
