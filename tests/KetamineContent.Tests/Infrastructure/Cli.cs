using System.Diagnostics;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// The built API executable run as a command (migrate, seed, keys, import, export, restore ...), with the process's
/// peak resident memory (VmHWM, the kernel's high-water mark, read from /proc every 10 ms while it runs).
/// </summary>
public static class Cli
{
    public sealed record Result(int Code, string Stdout, string Stderr, double PeakMiB)
    {
        public string Output => Stdout + Stderr;
    }

    /// <summary>
    /// export of <paramref name="connectionString"/> into <paramref name="exportFile"/>, then restore of that file into a
    /// new empty database; both must succeed. Returns the restored database's connection string.
    /// </summary>
    public static async Task<string> ExportAndRestoreAsync(string connectionString, string exportFile)
    {
        var exported = await RunAsync(connectionString, "export", "--output", exportFile);
        Xunit.Assert.True(exported.Code == 0, exported.Output);
        var empty = await TestDatabase.CreateEmptyAsync();
        var restored = await RunAsync(empty, "restore", exportFile);
        Xunit.Assert.True(restored.Code == 0, restored.Output);
        return empty;
    }

    public static Task<Result> RunAsync(string connectionString, params string[] args) =>
        RunAsync(connectionString, TimeSpan.FromSeconds(120), args);

    public static Task<Result> RunAsync(string connectionString, TimeSpan timeout, params string[] args) =>
        RunInAsync("Production", connectionString, timeout, args);

    /// <summary>The command in the named environment (Development validates every service registration when it builds).</summary>
    public static Task<Result> RunInAsync(string environment, string connectionString, TimeSpan timeout, params string[] args) =>
        RunWithAsync(new Dictionary<string, string> { ["ConnectionStrings__Content"] = connectionString, ["ASPNETCORE_ENVIRONMENT"] = environment }, timeout, args);

    /// <summary>The command with these environment variables (for example no connection string and LocalPostgres__* settings).</summary>
    public static async Task<Result> RunWithAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KetamineContent.Api.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peakKiB = 0L;
        var statusFile = $"/proc/{process.Id}/status";
        var sampler = Task.Run(async () =>
        {
            while (!process.HasExited)
            {
                peakKiB = Math.Max(peakKiB, HighWaterMarkKiB(statusFile));
                await Task.Delay(10);
            }
        });
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        await sampler;
        return new Result(process.ExitCode, await stdout, await stderr, peakKiB / 1024.0);
    }

    private static long HighWaterMarkKiB(string statusFile)
    {
        try
        {
            var line = File.ReadLines(statusFile).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // the process has just exited
        }
    }
}
