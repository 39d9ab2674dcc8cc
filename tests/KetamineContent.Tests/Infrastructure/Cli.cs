using System.Diagnostics;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>The built API executable run as a command (migrate, seed, keys, import, export, restore ...).</summary>
public static class Cli
{
    public sealed record Result(int Code, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    public static async Task<Result> RunAsync(string connectionString, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KetamineContent.Api.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["ConnectionStrings__Content"] = connectionString;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
