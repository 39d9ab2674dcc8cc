using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KetamineContent.Bench;

/// <summary>Prints the table, writes bench/results/*.json, and rewrites bench/RESULTS.md with the machine and each target met or missed.</summary>
public static class Report
{
    public static void Write(string root, bool quick, IReadOnlyList<Measured> results, IReadOnlyList<string> notes)
    {
        var machine = Machine();
        var table = Table(results);
        Console.WriteLine();
        Console.WriteLine(table);
        var targets = Targets(results);
        Console.WriteLine(targets);

        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var resultsDir = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(resultsDir);
        File.WriteAllText(Path.Combine(resultsDir, $"{stamp}{(quick ? "-quick" : "")}.json"),
            JsonSerializer.Serialize(new { machine, quick, results = results.Select(r => new
            {
                r.Size, r.Name, r.Rps, r.P50, r.P95, r.P99, r.Errors, r.CompareName, r.CompareRps, r.Ratio,
            }), notes }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));

        if (quick)
        {
            return;
        }

        var md = new StringBuilder();
        md.AppendLine("# Benchmark results");
        md.AppendLine();
        md.AppendLine("Written by `bench/run` (full mode). Reads: `wrk -t2 -c64 -d10s --latency`, 3 rounds, each scenario run right after or before");
        md.AppendLine("its comparison in the same round (the ceiling: the same bytes and headers from memory on bare Kestrel; for the cache-off");
        md.AppendLine("article, a plain one-query-per-request Dapper endpoint); figures are medians over the rounds. The load generator shares the");
        md.AppendLine("2 cores with the server, so every figure is a lower bound; compare ratios, not absolute numbers.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        foreach (var (k, v) in machine)
        {
            md.AppendLine($"- {k}: {v}");
        }

        md.AppendLine();
        md.AppendLine("## Reads");
        md.AppendLine();
        md.AppendLine(table);
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine(targets);
        md.AppendLine("## Notes");
        md.AppendLine();
        foreach (var n in notes)
        {
            md.AppendLine("- " + n);
        }

        var analysis = Path.Combine(root, "bench", "ANALYSIS.md");
        if (File.Exists(analysis))
        {
            md.AppendLine();
            md.Append(File.ReadAllText(analysis));
        }

        File.WriteAllText(Path.Combine(root, "bench", "RESULTS.md"), md.ToString());
    }

    private static string Table(IReadOnlyList<Measured> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| size | scenario | req/s | p50 ms | p99 ms | errors | compared with | its req/s | ratio |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---|---:|---:|");
        foreach (var r in results.Where(r => !double.IsNaN(r.Ratio)))
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Size} | {r.Name} | {r.Rps:N0} | {r.P50:0.00} | {r.P99:0.00} | {r.Errors} | {r.CompareName} | {r.CompareRps:N0} | {r.Ratio:0.00} |"));
        }

        sb.AppendLine();
        foreach (var r in results.Where(r => double.IsNaN(r.Ratio)))
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- {r.Size}: {r.Name}: {r.Rps:N0}{(r.Errors > 0 ? $" ({r.Errors} errors)" : "")}"));
        }

        return sb.ToString();
    }

    private static string Targets(IReadOnlyList<Measured> results)
    {
        Measured? Find(string size, string name) => results.FirstOrDefault(r => r.Size == size && r.Name == name);
        var sb = new StringBuilder();
        sb.AppendLine("| target | measured | |");
        sb.AppendLine("|---|---|---|");
        void Check(string target, Measured? m, Func<Measured, double> value, Func<double, bool> ok, string format)
        {
            if (m is null)
            {
                return;
            }

            var v = value(m);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {target} | {string.Format(CultureInfo.InvariantCulture, format, v)} ({m.Size}) | {(ok(v) ? "met" : "**missed**")} |"));
        }

        foreach (var size in results.Select(r => r.Size).Distinct())
        {
            Check("article by slug >= 0.8 x ceiling", Find(size, "article by slug (200)"), m => m.Ratio, v => v >= 0.8, "{0:0.00} x");
            Check("304 >= 1.0 x the 200 ceiling", Find(size, "revalidation (304)"), m => m.Ratio, v => v >= 1.0, "{0:0.00} x");
            Check("list first page >= 0.6 x ceiling", Find(size, "list first page"), m => m.Ratio, v => v >= 0.6, "{0:0.00} x");
            foreach (var name in new[] { "article by slug (200)", "revalidation (304)", "list first page" })
            {
                Check($"{name}: p99 <= 10 ms at 64 connections", Find(size, name), m => m.P99, v => v <= 10, "{0:0.00} ms");
            }

            Check("cache off >= 0.9 x plain Dapper baseline", Find(size, "article, cache off (database)"), m => m.Ratio, v => v >= 0.9, "{0:0.00} x");
            var first = Find(size, "list first page, cache off");
            var deep = Find(size, "list 250 cursors deep, cache off");
            if (first is not null && deep is not null)
            {
                var cost = first.Rps / deep.Rps;
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| page 250 cursors deep <= 1.5 x the cost of the first page (database) | {cost:0.00} x (p50 {deep.P50:0.00} vs {first.P50:0.00} ms) ({size}) | {(cost <= 1.5 ? "met" : "**missed**")} |"));
            }

            Check("sync delta of 10 changes p50 <= 5 ms (one client)", Find(size, "sync delta of 10, one client"), m => m.P50, v => v <= 5, "{0:0.00} ms");
            Check("search p95 <= 50 ms (database, one client)", Find(size, "search, cache off, one client"), m => m.P95, v => v <= 50, "{0:0.00} ms");
            Check("(for the record) sync delta of 10 p50 at 64 connections", Find(size, "sync delta of 10 (database)"), m => m.P50, v => v <= 5, "{0:0.00} ms");
            Check("(for the record) search p95 at 64 connections (database)", Find(size, "search, cache off"), m => m.P95, v => v <= 50, "{0:0.00} ms");
            Check(">= 500 revisions/s on distinct articles", Find(size, "writes: 16 editors, distinct articles (rev/s)"), m => m.Rps, v => v >= 500, "{0:N0}");
            Check("API peak memory <= 300 MB", Find(size, "API peak memory (MiB)"), m => m.Rps, v => v <= 300, "{0:0} MiB");
            Check("start-up <= 1 s to first 200", Find(size, "start-up to first 200 (ms)"), m => m.Rps, v => v <= 1000, "{0:0} ms");
        }

        return sb.ToString();
    }

    private static Dictionary<string, string> Machine()
    {
        string Read(string file, string prefix) => File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        return new Dictionary<string, string>
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["cpu"] = $"{Read("/proc/cpuinfo", "model name")} x {Environment.ProcessorCount}",
            ["memory"] = Read("/proc/meminfo", "MemTotal"),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            [".NET"] = Environment.Version.ToString(),
            ["postgres"] = "PostgreSQL from the machine's binaries, a fresh durable cluster (fsync on), shared_buffers 512MB",
        };
    }
}
