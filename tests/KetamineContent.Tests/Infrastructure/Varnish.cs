using System.Diagnostics;
using System.Net.Sockets;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// Debian's varnishd (7.1, with varnish-modules' xkey) running deploy/varnish/default.vcl on loopback, its backend
/// replaced by the API under test (the shipped file names the compose proxy).
/// </summary>
public sealed class Varnish : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private Varnish(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    public static async Task<Varnish> StartAsync(Uri backend, int? listenOn = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var shipped = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "deploy", "varnish", "default.vcl"));
        var vcl = shipped.Replace(".host = \"proxy\";", $".host = \"{backend.Host}\";", StringComparison.Ordinal)
            .Replace(".port = \"8080\";", $".port = \"{backend.Port}\";", StringComparison.Ordinal);
        if (vcl.Contains("\"proxy\"", StringComparison.Ordinal) || !vcl.Contains($".port = \"{backend.Port}\";", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("deploy/varnish/default.vcl no longer names its backend as .host = \"proxy\"; .port = \"8080\";");
        }

        var dir = Directory.CreateTempSubdirectory("kc-varnish-").FullName;
        var file = Path.Combine(dir, "default.vcl");
        await File.WriteAllTextAsync(file, vcl);
        var port = listenOn ?? Ports.Free();
        var psi = new ProcessStartInfo("/usr/sbin/varnishd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-F", "-n", Path.Combine(dir, "work"), "-a", $"127.0.0.1:{port}", "-T", "none", "-f", file, "-s", "malloc,64m", "-j", "none" })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var varnish = new Varnish(process, dir, port);
        if (!await Tcp.ListeningAsync(port, TimeSpan.FromSeconds(30), () => process.HasExited))
        {
            await varnish.DisposeAsync();
            throw new InvalidOperationException("varnishd did not start listening (is varnish with varnish-modules installed?)");
        }

        return varnish;
    }

    public HttpClient Client() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>A TCP relay (socat) on a fixed loopback port: the path to a Varnish node, cut and restored by the tests.</summary>
public sealed class Relay : IAsyncDisposable
{
    private readonly int _target;
    private Process? _process;

    public Relay(int target)
    {
        _target = target;
        Port = Ports.Free();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public async Task StartAsync()
    {
        // In a session (and process group) of its own: the listener and the children it forks per connection are cut at once.
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("socat");
        psi.ArgumentList.Add($"TCP-LISTEN:{Port},bind=127.0.0.1,fork,reuseaddr");
        psi.ArgumentList.Add($"TCP:127.0.0.1:{_target}");
        _process = Process.Start(psi)!;
        if (!await Tcp.ListeningAsync(Port, TimeSpan.FromSeconds(10), () => _process.HasExited))
        {
            throw new InvalidOperationException("socat did not start listening");
        }
    }

    /// <summary>Cuts the path: the listener and every connection it relays.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start("kill", ["-KILL", "--", "-" + process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

public static class Tcp
{
    public static async Task<bool> ListeningAsync(int port, TimeSpan timeout, Func<bool> gaveUp)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !gaveUp())
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}

/// <summary>Polls a condition until it holds or the time is up; returns how long it took (null: it never held).</summary>
public static class Poll
{
    public static async Task<TimeSpan?> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }

        return await condition() ? clock.Elapsed : null;
    }
}
