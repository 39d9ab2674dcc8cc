using System.Diagnostics;

namespace KetamineContent.Bench;

/// <summary>A server process of the benchmark (the API in Release, or the ceiling), with its start-up time and peak memory.</summary>
public sealed class Server : IAsyncDisposable
{
    private readonly Process _process;

    private Server(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public TimeSpan StartupTime { get; private set; }

    public static async Task<Server> StartAsync(string dll, int port, string readyPath, IDictionary<string, string> environment, params string[] args)
    {
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(url);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("  [server] " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Server(process, url);
        while (clock.Elapsed < TimeSpan.FromMinutes(5)) // a guard against a hang, not a judgement of speed
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{dll} exited with {process.ExitCode} during start-up");
            }

            try
            {
                if ((await http.GetAsync(url + readyPath)).IsSuccessStatusCode)
                {
                    server.StartupTime = clock.Elapsed;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"{dll} did not answer {readyPath} within 5 minutes");
    }

    /// <summary>Peak resident memory (VmHWM) in MiB.</summary>
    public double PeakMemoryMiB() => Status("VmHWM:");

    /// <summary>Resident memory now (VmRSS) in MiB.</summary>
    public double ResidentMiB() => Status("VmRSS:");

    private double Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
