using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Assets;

/// <summary>Renditions through libvips: shrink-on-load thumbnails, a focal-point crop for cover, metadata stripped on save.</summary>
public sealed class ImageEngine
{
    private static readonly Lock InitLock = new();
    private static string? _initialised;

    private readonly SemaphoreSlim _slots;

    public ImageEngine(IOptions<AssetOptions> options, ILogger<ImageEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentRenditions));
        var library = options.Value.VipsLibrary;
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            Unavailable = $"Renditions need libvips ({library}), which is not installed here: install it (Debian/Ubuntu: apt-get install libvips42) and restart. Originals are still served.";
            logger.LogWarning("libvips ({Library}) not found: renditions answer 503 until it is installed", library);
            return;
        }

        NativeLibrary.Free(handle);
        lock (InitLock)
        {
            if (_initialised is null)
            {
                VipsNative.Use(library);
                if (VipsNative.Init("ketaminecontent") != 0)
                {
                    Unavailable = "libvips failed to start: " + VipsNative.LastError();
                    return;
                }

                VipsNative.CacheSetMax(0); // renditions have their own cache; libvips' operation cache would only hold memory
                VipsNative.ConcurrencySet(1);
                VipsNative.OperationBlockSet("VipsForeignLoad", 1);
                foreach (var loader in new[] { "VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer", "VipsForeignLoadWebpBuffer", "VipsForeignLoadHeifBuffer", "VipsForeignLoadNsgifBuffer", "VipsForeignLoadPdfBuffer" })
                {
                    VipsNative.OperationBlockSet(loader, 0);
                }

                _initialised = $"{VipsNative.Version(0)}.{VipsNative.Version(1)}.{VipsNative.Version(2)}";
            }
        }

        Version = _initialised;
    }

    /// <summary>Null when renditions can be made; else what to install.</summary>
    public string? Unavailable { get; }

    /// <summary>The libvips version (part of every rendition's cache key).</summary>
    public string Version { get; } = "none";

    /// <summary>Makes one rendition (at most MaxConcurrentRenditions at a time).</summary>
    public async Task<byte[]> RenderAsync(byte[] original, int? originalWidth, int? originalHeight, FocalPoint focal, RenditionRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(focal);
        if (Unavailable is not null)
        {
            throw new InvalidOperationException(Unavailable);
        }

        await _slots.WaitAsync(ct);
        try
        {
            return await Task.Run(() => Render(original, originalWidth, originalHeight, focal, r), CancellationToken.None);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Longest side of a rendition of a document whose size the header does not declare (a PDF page).</summary>
    public const int MaxDocumentSide = 2560;

    private static unsafe byte[] Render(byte[] original, int? ow, int? oh, FocalPoint focal, RenditionRequest r)
    {
        const int Unbounded = 100_000;
        var cover = r is { Fit: "cover", Width: not null, Height: not null } && ow is not null && oh is not null;
        int boxW, boxH;
        if (cover)
        {
            var scale = Math.Min(1.0, Math.Max((double)r.Width!.Value / ow!.Value, (double)r.Height!.Value / oh!.Value));
            boxW = Math.Max(1, (int)Math.Ceiling(ow.Value * scale));
            boxH = Math.Max(1, (int)Math.Ceiling(oh.Value * scale));
        }
        else
        {
            // A PDF's size is unknown before rendering and a page may be 14,400 pt square: its box is always bounded.
            var limit = ow is null || oh is null ? MaxDocumentSide : Unbounded;
            boxW = Math.Min(r.Width ?? limit, limit);
            boxH = Math.Min(r.Height ?? limit, limit);
        }

        var image = IntPtr.Zero;
        var cropped = IntPtr.Zero;
        var clean = IntPtr.Zero;
        var buffer = IntPtr.Zero;
        try
        {
            fixed (byte* bytes = original)
            {
                if (VipsNative.ThumbnailBuffer(bytes, (nuint)original.Length, out image, boxW, "height", boxH, "size", VipsNative.SizeDown, IntPtr.Zero) != 0)
                {
                    throw new RenditionException(VipsNative.LastError());
                }

                var output = image;
                if (cover)
                {
                    var (aw, ah) = (VipsNative.ImageWidth(image), VipsNative.ImageHeight(image));
                    var k = Math.Min(1.0, Math.Min((double)aw / r.Width!.Value, (double)ah / r.Height!.Value));
                    var cw = Math.Clamp((int)Math.Floor(r.Width.Value * k), 1, aw);
                    var ch = Math.Clamp((int)Math.Floor(r.Height.Value * k), 1, ah);
                    var left = Math.Clamp((int)Math.Round((focal.X * aw) - (cw / 2.0)), 0, aw - cw);
                    var top = Math.Clamp((int)Math.Round((focal.Y * ah) - (ch / 2.0)), 0, ah - ch);
                    if (VipsNative.ExtractArea(image, out cropped, left, top, cw, ch, IntPtr.Zero) != 0)
                    {
                        throw new RenditionException(VipsNative.LastError());
                    }

                    output = cropped;
                }

                if (VipsNative.Copy(output, out clean, IntPtr.Zero) != 0)
                {
                    throw new RenditionException(VipsNative.LastError());
                }

                VipsNative.RemoveMetadata(clean);
                if (VipsNative.WriteToBuffer(clean, r.SaveSuffix, out buffer, out var size, IntPtr.Zero) != 0)
                {
                    throw new RenditionException(VipsNative.LastError());
                }

                var result = new byte[(int)size];
                Marshal.Copy(buffer, result, 0, result.Length);
                return r.Format == "webp" ? WebPChunks.StripMetadata(result) : result;
            }
        }
        finally
        {
            if (buffer != IntPtr.Zero)
            {
                VipsNative.Free(buffer);
            }

            if (clean != IntPtr.Zero)
            {
                VipsNative.Unref(clean);
            }

            if (cropped != IntPtr.Zero)
            {
                VipsNative.Unref(cropped);
            }

            if (image != IntPtr.Zero)
            {
                VipsNative.Unref(image);
            }
        }
    }
}

/// <summary>libvips could not make a rendition of these bytes (its message says why).</summary>
public sealed class RenditionException(string message) : Exception(message);
