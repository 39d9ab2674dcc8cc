using Microsoft.Extensions.Options;
using NetVips;

namespace KetamineContent.Api.Assets;

/// <summary>
/// Renditions through NetVips and the libvips it bundles (NetVips.Native): shrink-on-load thumbnails, a focal-point crop
/// for cover, metadata dropped on save. At most Assets:MaxConcurrentRenditions run and Assets:MaxQueuedRenditions wait;
/// the original is loaded only once a slot is held; each rendition runs under Assets:RenditionTimeoutSeconds, enforced
/// inside libvips (its kill flag, set from the evaluation's progress callback), and stops when the client leaves.
/// </summary>
public sealed class ImageEngine
{
    /// <summary>Longest side of any rendition: w and h are snapped to at most this, and a missing w or h is this.</summary>
    public const int MaxBoxSide = 2560;

    /// <summary>The only loaders libvips may use (every other one, SVG, TIFF, matrix files ... is blocked).</summary>
    private static readonly string[] Loaders =
    [
        "VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer", "VipsForeignLoadWebpBuffer", "VipsForeignLoadHeifBuffer", "VipsForeignLoadNsgifBuffer", "VipsForeignLoadPdfBuffer",
    ];

    private static readonly Lazy<string> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>libvips' own warnings (a damaged file's "not enough data" ...) go to this log, not to stderr.</summary>
    private static readonly Log.LogDelegate VipsLog = (domain, level, message) => _vipsLogger?.LogDebug("{Domain} {Level}: {Message}", domain, level, message);

    private static ILogger? _vipsLogger;

    private readonly AssetOptions _options;
    private readonly ILogger<ImageEngine> _logger;
    private readonly SemaphoreSlim _slots;
    private int _admitted;
    private long _rendering;
    private long _cancelled;
    private long _timedOut;

    public ImageEngine(IOptions<AssetOptions> options, ILogger<ImageEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _vipsLogger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrentRenditions);
        Version = Started.Value;
    }

    /// <summary>The libvips version (part of every rendition's cache key).</summary>
    public string Version { get; }

    /// <summary>Whether this libvips can read PDF pages (NetVips.Native bundles no PDF loader).</summary>
    public static bool HasPdfLoader => NetVips.NetVips.TypeFind("VipsOperation", "pdfload_buffer") != IntPtr.Zero;

    /// <summary>Renditions running now (a slot held, the original loaded).</summary>
    public long Rendering => Interlocked.Read(ref _rendering);

    /// <summary>Renditions stopped because their client left.</summary>
    public long Cancelled => Interlocked.Read(ref _cancelled);

    /// <summary>Renditions stopped at Assets:RenditionTimeoutSeconds.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    /// <summary>Configures libvips once per process (headers are read before any engine exists).</summary>
    public static void Initialise() => _ = Started.Value;

    private static string Start()
    {
        Cache.Max = 0; // renditions have their own cache; libvips' operation cache would only hold memory
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        NetVips.NetVips.Concurrency = 1;
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug, VipsLog);
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in Loaders.Where(l => NetVips.NetVips.TypeFromName(l) != IntPtr.Zero))
        {
            Operation.Block(loader, false);
        }

        return $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";
    }

    /// <summary>
    /// Makes one rendition: waits for a slot (503 when the queue is full), then loads the original and renders it under
    /// the time limit. The request's token (the client leaving) cancels the wait, the load and libvips' work.
    /// </summary>
    public async Task<byte[]> RenderAsync(Func<CancellationToken, Task<byte[]>> load, FocalPoint focal, RenditionRequest r, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(focal);
        ArgumentNullException.ThrowIfNull(r);
        if (Interlocked.Increment(ref _admitted) > _options.MaxConcurrentRenditions + _options.MaxQueuedRenditions)
        {
            Interlocked.Decrement(ref _admitted);
            throw new RenditionsBusyException(RetryAfterSeconds);
        }

        try
        {
            await _slots.WaitAsync(aborted);
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                limit.CancelAfter(TimeSpan.FromSeconds(_options.RenditionTimeoutSeconds));
                try
                {
                    var original = await load(limit.Token);
                    Interlocked.Increment(ref _rendering);
                    try
                    {
                        return await Task.Run(() => Render(original, focal, r, limit.Token), CancellationToken.None);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _rendering);
                    }
                }
                catch (Exception ex) when (ex is VipsException or OperationCanceledException && limit.IsCancellationRequested)
                {
                    if (aborted.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _cancelled);
                        _logger.LogInformation("Rendition {Key} stopped: the client left", r.Key);
                        throw new OperationCanceledException(aborted);
                    }

                    Interlocked.Increment(ref _timedOut);
                    _logger.LogWarning("Rendition {Key} stopped at the time limit of {Seconds} s", r.Key, _options.RenditionTimeoutSeconds);
                    throw new RenditionTimeoutException(_options.RenditionTimeoutSeconds);
                }
                catch (VipsException ex)
                {
                    _logger.LogWarning("libvips could not make rendition {Key}: {Message}", r.Key, ex.Message);
                    throw new RenditionException();
                }
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }

    /// <summary>Seconds a client is told to wait when the queue is full: one rendition's time limit.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(_options.RenditionTimeoutSeconds));

    private byte[] Render(byte[] original, FocalPoint focal, RenditionRequest r, CancellationToken token)
    {
        var (header, error) = ImageHeader.Read(original);
        if (header is null)
        {
            throw new VipsException(error ?? "no header");
        }

        // Checked again here: an asset stored before the header was read by the decoder may declare less than it holds.
        if (header.Exceeds(_options) is { } tooLarge)
        {
            throw new RenditionLimitException(tooLarge);
        }

        var cover = r is { Fit: "cover", Width: not null, Height: not null };
        int boxW, boxH;
        if (cover)
        {
            var scale = Math.Min(1.0, Math.Max((double)r.Width!.Value / header.Width, (double)r.Height!.Value / header.Height));
            boxW = Math.Max(1, (int)Math.Ceiling(header.Width * scale));
            boxH = Math.Max(1, (int)Math.Ceiling(header.Height * scale));
        }
        else
        {
            boxW = Math.Min(r.Width ?? MaxBoxSide, MaxBoxSide);
            boxH = Math.Min(r.Height ?? MaxBoxSide, MaxBoxSide);
        }

        using var thumbnail = Image.ThumbnailBuffer(original, boxW, height: boxH, size: Enums.Size.Down);
        using var cropped = cover ? Crop(thumbnail, focal, r.Width!.Value, r.Height!.Value) : null;
        var output = cropped ?? thumbnail;
        output.SetProgress(NoProgress.Instance, token); // libvips checks the kill flag the token sets between tiles
        return output.WriteToBuffer(r.SaveSuffix);
    }

    private static Image Crop(Image image, FocalPoint focal, int width, int height)
    {
        var (aw, ah) = (image.Width, image.Height);
        var k = Math.Min(1.0, Math.Min((double)aw / width, (double)ah / height));
        var cw = Math.Clamp((int)Math.Floor(width * k), 1, aw);
        var ch = Math.Clamp((int)Math.Floor(height * k), 1, ah);
        var left = Math.Clamp((int)Math.Round((focal.X * aw) - (cw / 2.0)), 0, aw - cw);
        var top = Math.Clamp((int)Math.Round((focal.Y * ah) - (ch / 2.0)), 0, ah - ch);
        return image.ExtractArea(left, top, cw, ch);
    }
}

/// <summary>The evaluation's progress callback is only wanted for the kill flag NetVips sets from the token.</summary>
internal sealed class NoProgress : IProgress<int>
{
    public static readonly NoProgress Instance = new();

    public void Report(int value)
    {
    }
}

/// <summary>libvips could not make a rendition of these bytes (its message is logged, never sent: it may name another request's file).</summary>
public sealed class RenditionException() : Exception("libvips could not make a rendition of this file.");

/// <summary>The rendition ran past Assets:RenditionTimeoutSeconds and libvips was stopped.</summary>
public sealed class RenditionTimeoutException(double seconds) : Exception($"The rendition took longer than {seconds} s (Assets:RenditionTimeoutSeconds) and was stopped.");

/// <summary>The file's own header exceeds a limit (the message names it).</summary>
public sealed class RenditionLimitException(string message) : Exception(message);

/// <summary>Every rendition slot and queue place is taken.</summary>
public sealed class RenditionsBusyException(int retryAfterSeconds) : Exception("Every rendition slot and queue place is taken (Assets:MaxConcurrentRenditions, Assets:MaxQueuedRenditions).")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
