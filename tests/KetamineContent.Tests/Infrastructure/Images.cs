using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using NetVips;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// Real images made for the tests in-process by NetVips (the libvips it bundles; no system tool), tagged with exiftool,
/// and uploads of them.
/// </summary>
public static class Images
{
    /// <summary>A JPEG, PNG, WebP, AVIF or GIF (by extension) of this size, one colour (r g b).</summary>
    public static byte[] Solid(int width, int height, string extension, string rgb = "40 120 200")
    {
        var colour = rgb.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        using var black = Image.Black(width, height, bands: 3);
        using var image = black.Linear([1, 1, 1], colour).Cast(Enums.BandFormat.Uchar);
        return image.WriteToBuffer("." + extension);
    }

    /// <summary>A PNG of random grey noise (it does not compress: about width x height bytes).</summary>
    public static byte[] Noise(int width, int height, string extension = "png")
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 60, mean: 128);
        using var image = noise.Cast(Enums.BandFormat.Uchar);
        return image.WriteToBuffer("." + extension);
    }

    /// <summary>A JPEG whose left half is red and right half is blue: a crop shows which side it kept.</summary>
    public static byte[] RedLeftBlueRight(int width, int height)
    {
        using var black = Image.Black(width / 2, height, bands: 3);
        using var red = black.Linear([1, 1, 1], [220, 20, 20]).Cast(Enums.BandFormat.Uchar);
        using var blue = black.Linear([1, 1, 1], [20, 20, 220]).Cast(Enums.BandFormat.Uchar);
        using var joined = red.Join(blue, Enums.Direction.Horizontal);
        return joined.WriteToBuffer(".jpg");
    }

    /// <summary>The bytes with GPS coordinates written into their EXIF by exiftool.</summary>
    public static byte[] WithGps(byte[] image, string extension)
    {
        using var folder = new Scratch();
        var path = folder.Path("gps." + extension);
        File.WriteAllBytes(path, image);
        Run("exiftool", "-overwrite_original", "-GPSLatitude=40.4168", "-GPSLatitudeRef=N", "-GPSLongitude=3.7038", "-GPSLongitudeRef=W", path);
        return File.ReadAllBytes(path);
    }

    /// <summary>What exiftool reads from the bytes (one "Tag: value" a line).</summary>
    public static string Metadata(byte[] image)
    {
        using var folder = new Scratch();
        var path = folder.Path("probe.bin");
        File.WriteAllBytes(path, image);
        return Run("exiftool", "-a", "-G1", "-s", path);
    }

    /// <summary>Width, height and the colour (r, g, b) at a point, read back by NetVips.</summary>
    public static (int Width, int Height, int[] Rgb) Probe(byte[] image, double fx = 0.5, double fy = 0.5)
    {
        using var decoded = Image.NewFromBuffer(image);
        var point = decoded.Getpoint((int)(fx * (decoded.Width - 1)), (int)(fy * (decoded.Height - 1)));
        return (decoded.Width, decoded.Height, point.Take(3).Select(v => (int)v).ToArray());
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string? contentType = "image/jpeg",
        string? alt = "A treatment room with a reclining chair", params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        form.Add(file, "file", fileName);
        if (alt is not null)
        {
            form.Add(new StringContent(alt), "alt");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync("/v1/manage/assets", form);
    }

    /// <summary>Uploads and returns the created asset (fails the test on anything but 201).</summary>
    public static async Task<JsonElement> UploadedAsync(HttpClient client, byte[] bytes, string fileName = "room.jpg", params (string Name, string Value)[] fields)
    {
        var response = await UploadAsync(client, bytes, fileName, fields: fields);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }

    private sealed class Scratch : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("kc-images").FullName;

        public string Path(string name) => System.IO.Path.Combine(_root, name);

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
