using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// A real Prometheus server (Debian's prometheus package) on a loopback port with its data in a temporary folder,
/// scraping one target every second with a bearer token; and promtool, its checker.
/// </summary>
public sealed class Prometheus : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly HttpClient _http;

    private Prometheus(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<Prometheus> StartAsync(Uri target, string token)
    {
        ArgumentNullException.ThrowIfNull(target);
        var dir = Directory.CreateTempSubdirectory("kc-prometheus-").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: ketaminecontent
                metrics_path: /metrics
                authorization:
                  type: Bearer
                  credentials: "{token}"
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var port = Ports.Free();
        var psi = new ProcessStartInfo("prometheus") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(dir, "data"), $"--web.listen-address=127.0.0.1:{port}" })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("prometheus did not start (apt-get install prometheus)");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Prometheus(process, dir, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await server._http.GetAsync("/-/ready")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("prometheus did not become ready");
    }

    /// <summary>An instant PromQL query over the HTTP API: the value of each series in the result.</summary>
    public async Task<IReadOnlyList<double>> QueryAsync(string promql)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        Assert.Equal("success", body.GetProperty("status").GetString());
        return body.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Queries until the first value satisfies the condition; returns it (or fails after the timeout).</summary>
    public async Task<double> WaitForAsync(string promql, Func<double, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<double> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await QueryAsync(promql);
            if (last.Count > 0 && condition(last[0]))
            {
                return last[0];
            }

            await Task.Delay(250);
        }

        Assert.Fail($"'{promql}' never satisfied the condition; last answer: [{string.Join(", ", last)}]");
        return double.NaN;
    }

    /// <summary>promtool check metrics on this exposition: its exit code and what it said.</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var psi = new ProcessStartInfo("promtool") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("check");
        psi.ArgumentList.Add("metrics");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("promtool did not start (apt-get install prometheus)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
