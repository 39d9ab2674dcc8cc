using System.Diagnostics;

namespace KetamineContent.LocalPostgres;

/// <summary>Runs PostgreSQL tools, as the postgres OS user when this process is root (the server refuses root).</summary>
internal sealed class ProcessRunner
{
    private readonly string? _runAsUser;

    public ProcessRunner()
    {
        _runAsUser = IsRoot ? "postgres" : null;
    }

    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public string? RunAsUser => _runAsUser;

    public (int ExitCode, string Output) Run(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_runAsUser is null)
        {
            psi.FileName = file;
        }
        else
        {
            psi.FileName = "runuser";
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add(_runAsUser);
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(file);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(psi) ?? throw new LocalPostgresException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new LocalPostgresException($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void RunChecked(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var (code, output) = Run(file, args, timeout);
        if (code != 0)
        {
            throw new LocalPostgresException($"{Path.GetFileName(file)} failed with exit code {code}: {output.Trim()}");
        }
    }

    /// <summary>Gives the postgres user ownership of a folder it must write to (root only).</summary>
    public void HandOver(string directory)
    {
        if (_runAsUser is null)
        {
            return;
        }

        var psi = new ProcessStartInfo("chown") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-R", $"{_runAsUser}:{_runAsUser}", directory })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new LocalPostgresException($"chown of {directory} failed: {p.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>True when the run-as user can create files in the folder (it may sit under a private home).</summary>
    public bool CanWrite(string directory)
    {
        if (_runAsUser is null)
        {
            return true;
        }

        var (code, _) = Run("test", ["-w", directory, "-a", "-x", directory], TimeSpan.FromSeconds(10));
        return code == 0;
    }
}
