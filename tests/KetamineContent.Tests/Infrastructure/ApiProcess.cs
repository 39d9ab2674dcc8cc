using System.Diagnostics;
using System.Net;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>The API as a real separate process (the built executable), for tests that kill or stop it.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The lines the process wrote to stdout so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public int ExitCode => _process.ExitCode;

    /// <summary>A line of /proc/&lt;pid&gt;/status in MiB: VmRSS (resident now) or VmHWM (the peak resident size so far).</summary>
    public long MemoryMiB(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <param name="port">A fixed port (to restart an API where a proxy in front expects it); a free one by default.</param>
    public static async Task<ApiProcess> StartAsync(string connectionString, IDictionary<string, string>? settings = null, int? port = null)
    {
        port ??= Ports.Free();
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KetamineContent.Api.dll"));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Content"] = connectionString;
        psi.Environment["Database__MigrateOnStartup"] = "true";
        psi.Environment["Auth__BootstrapAdminKey"] = ApiFactory.AdminKey;
        psi.Environment["Review__SchedulerIntervalSeconds"] = "0.2";
        psi.Environment["RateLimits__PerKeyPerMinute"] = "0";
        psi.Environment["RateLimits__PerAddressPerMinute"] = "0";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var process = Process.Start(psi)!;
        var api = new ApiProcess(process, port.Value);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                api._output.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        await api.DisposeAsync();
        throw new InvalidOperationException("the API process did not become ready");
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGTERM: the host's graceful shutdown.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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
