using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KetamineContent.Bench;

/// <summary>
/// bench/run --media: a cached rendition against the ceiling serving the same bytes; first renditions of 3000 x 2000
/// JPEGs to 800 px WebP against vipsthumbnail doing the same job; the API's peak memory over 16 concurrent first renditions.
/// </summary>
public static class Media
{
    private const int Images = 26;

    public static async Task<string> RunAsync(Server api, Func<string, Task<Server>> startCeiling, string adminKey, string outDir, TimeSpan duration, int rounds)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromMinutes(5) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var folder = Path.Combine(outDir, "media-images");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var urls = new List<string>();
        for (var i = 0; i < Images; i++)
        {
            var file = Path.Combine(folder, $"photo-{i}.jpg");
            if (!File.Exists(file))
            {
                MakePhoto(folder, file, i);
            }

            files.Add(file);
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(file)), "file", Path.GetFileName(file));
            form.Add(new StringContent("A synthetic benchmark photograph"), "alt");
            var created = await (await admin.PostAsync("/v1/manage/assets", form)).Content.ReadFromJsonAsync<JsonElement>();
            urls.Add(created.GetProperty("url").GetString()!);
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Media benchmark: {Images} synthetic 3000 x 2000 JPEGs ({new FileInfo(files[0]).Length / 1024} KiB each), libvips {Vips("--version").Trim()}, first renditions with an editor's key, the cached one as a reader of a published article");
        report.AppendLine();

        // 1. First renditions, one at a time: API (HTTP, fetch from PostgreSQL, render, cache) against vipsthumbnail (process start, render, write).
        var api1 = new List<double>();
        var cli = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var clock = Stopwatch.StartNew();
            var bytes = await admin.GetByteArrayAsync(urls[i] + "?w=800&fm=webp");
            api1.Add(clock.Elapsed.TotalMilliseconds);
            if (bytes.Length < 100)
            {
                throw new InvalidOperationException("rendition too small");
            }

            clock.Restart();
            Vips(null, files[i], "-s", "800x100000", "-o", Path.Combine(folder, $"thumb-{i}.webp[Q=80,strip]"));
            cli.Add(clock.Elapsed.TotalMilliseconds);
        }

        var apiMedian = Median(api1);
        var cliMedian = Median(cli);
        report.AppendLine("| first rendition, 3000 x 2000 JPEG to 800 px WebP (10 images, one at a time) | median ms | p90 ms |");
        report.AppendLine("|---|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| API `GET ...?w=800&fm=webp` (HTTP, bytes from PostgreSQL, libvips through P/Invoke, cache store) | {apiMedian:0.0} | {Percentile(api1, 0.9):0.0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| `vipsthumbnail photo.jpg -s 800x100000 -o thumb.webp[Q=80,strip]` (process start included) | {cliMedian:0.0} | {Percentile(cli, 0.9):0.0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| **ratio API / vipsthumbnail** (goal at most 1.5) | **{apiMedian / cliMedian:0.00}** | |");
        report.AppendLine();

        // 2. A cached rendition of a published image (public path, no key) against the ceiling serving the same bytes and headers.
        var assetId = urls[0].Split('/')[3];
        var article = new
        {
            slug = "bench-media", topic = "depression", tags = new[] { "bench" }, locale = "en", title = "Bench media", summary = "A benchmark article.",
            disclaimer = "Educational information, not medical advice.",
            sections = new object[]
            {
                new { kind = "mechanism", heading = "How it works", body = "It blocks the NMDA receptor." },
                new { kind = "what_to_expect", heading = "What to expect", body = $"Effects begin within minutes.\n\n![A photograph](asset:{assetId})" },
                new { kind = "side_effects", heading = "Side effects", body = "Nausea and dizziness can occur." },
            },
            references = Array.Empty<object>(), changeNote = "bench",
        };
        var articleId = (await (await admin.PostAsJsonAsync("/v1/manage/articles", article)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync($"/v1/manage/articles/{articleId}/revisions/1/review", new { reviewedBy = "Bench Reviewer" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/v1/manage/articles/{articleId}/publish", new { revision = 1 })).EnsureSuccessStatusCode();
        using var reader = new HttpClient { BaseAddress = new Uri(api.Url) };
        var cachedUrl = urls[0] + "?w=800&fm=webp";
        var capture = await reader.GetAsync(cachedUrl);
        capture.EnsureSuccessStatusCode();
        var body = await capture.Content.ReadAsByteArrayAsync();
        var headers = capture.Headers.Concat(capture.Content.Headers).Where(h => h.Key is not ("Date" or "Content-Length"))
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value));
        var captured = Path.Combine(outDir, "captured-rendition.json");
        await File.WriteAllTextAsync(captured, JsonSerializer.Serialize(new { Body = Convert.ToBase64String(body), Headers = headers }));
        await using var ceiling = await startCeiling(captured);
        var auth = Array.Empty<string>();
        var apiRuns = new List<WrkResult>();
        var ceilingRuns = new List<WrkResult>();
        for (var round = 0; round < rounds; round++)
        {
            apiRuns.Add(await Wrk.RunAsync(api.Url + cachedUrl, duration, 64, auth));
            ceilingRuns.Add(await Wrk.RunAsync(ceiling.Url + "/ceiling", duration, 64, auth));
        }

        var apiRps = Median(apiRuns.Select(r => r.RequestsPerSecond).ToList());
        var ceilingRps = Median(ceilingRuns.Select(r => r.RequestsPerSecond).ToList());
        report.AppendLine(CultureInfo.InvariantCulture, $"| cached rendition ({body.Length:N0} bytes WebP), wrk -t2 -c64 -d{duration.TotalSeconds}s, median of {rounds} alternating rounds | req/s | p99 ms | errors |");
        report.AppendLine("|---|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| API | {apiRps:N0} | {Median(apiRuns.Select(r => r.P99).ToList()):0.00} | {apiRuns.Sum(r => r.Errors)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| ceiling (same bytes and headers from memory, no middleware) | {ceilingRps:N0} | {Median(ceilingRuns.Select(r => r.P99).ToList()):0.00} | {ceilingRuns.Sum(r => r.Errors)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| **ratio API / ceiling** (goal at least 0.8) | **{apiRps / ceilingRps:0.00}** | | |");
        report.AppendLine();

        // 3. Sixteen first renditions at once (images never rendered before), and the API's peak resident memory.
        var before = api.PeakMemoryMiB();
        var clock16 = Stopwatch.StartNew();
        var all = await Task.WhenAll(urls.Skip(10).Take(16).Select(u => admin.GetAsync(u + "?w=1280&fm=avif")));
        var failed = all.Count(r => !r.IsSuccessStatusCode);
        report.AppendLine("| 16 concurrent first renditions (3000 x 2000 JPEG to 1280 px AVIF) | |");
        report.AppendLine("|---|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| wall time, all 16 | {clock16.Elapsed.TotalMilliseconds:N0} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| failed | {failed} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| API peak resident memory (VmHWM) before / after | {before:0} / {api.PeakMemoryMiB():0} MiB (goal under 500) |");
        var errors = failed + apiRuns.Sum(r => r.Errors);
        report.AppendLine();
        report.AppendLine(errors == 0 ? "No errors." : $"ERRORS: {errors}");
        return report.ToString();
    }

    /// <summary>A photograph-like test image: smooth noise in three bands, distinct per index, saved as JPEG Q85.</summary>
    private static void MakePhoto(string folder, string file, int index)
    {
        var bands = new List<string>();
        for (var b = 0; b < 3; b++)
        {
            var small = Path.Combine(folder, $"n{b}.v");
            var band = Path.Combine(folder, $"b{b}.v");
            Vips(null, "gaussnoise", small, "300", "200", "--mean", (96 + (index * 5) + (b * 20)).ToString(CultureInfo.InvariantCulture), "--sigma", "40", "--seed", ((index * 3) + b + 1).ToString(CultureInfo.InvariantCulture));
            Vips(null, "resize", small, band, "10", "--kernel", "linear");
            bands.Add(band);
        }

        Vips(null, "bandjoin", string.Join(' ', bands), Path.Combine(folder, "rgb.v"));
        Vips(null, "cast", Path.Combine(folder, "rgb.v"), file + "[Q=85]", "uchar");
    }

    /// <summary>Runs vips (or vipsthumbnail when the first argument is a file).</summary>
    private static string Vips(string? single, params string[] args)
    {
        var program = single is not null ? "vips" : args.Length > 0 && File.Exists(args[0]) ? "vipsthumbnail" : "vips";
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in single is not null ? [single] : args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', psi.ArgumentList)}: {error}");
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * sorted.Count))];
    }
}
