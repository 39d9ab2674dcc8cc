using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Assets;

/// <summary>A rendition's bytes, its content type and its strong ETag.</summary>
public sealed record Rendition(byte[] Bytes, string ContentType, string ETag);

/// <summary>
/// Renditions kept once made: in memory (Assets:RenditionMemoryBytes, least recently used dropped first), then on
/// disk (Assets:RenditionDiskBytes, oldest dropped first). Concurrent requests for the same rendition wait for one maker.
/// </summary>
public sealed class RenditionCache
{
    private readonly ConcurrentDictionary<string, Entry> _memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Rendition>>> _making = new(StringComparer.Ordinal);
    private readonly long _memoryBudget;
    private readonly long _diskBudget;
    private readonly string _directory;
    private readonly Lock _diskLock = new();
    private long _memoryBytes;
    private long _tick;

    public RenditionCache(IOptions<AssetOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _memoryBudget = options.Value.RenditionMemoryBytes;
        _diskBudget = options.Value.RenditionDiskBytes;
        _directory = options.Value.RenditionDirectory ?? Path.Combine(Path.GetTempPath(), "ketaminecontent-renditions");
    }

    public long MemoryBytes => Interlocked.Read(ref _memoryBytes);

    /// <summary>Changes whenever the way renditions are made changes, so renditions kept on disk by an older build are not served.</summary>
    public const int Pipeline = 2;

    /// <summary>The name of a rendition: the original's SHA-256, the focal point, the request, the pipeline and the libvips version.</summary>
    public static string KeyFor(AssetRow asset, RenditionRequest request, string engineVersion)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(request);
        var text = FormattableString.Invariant($"{asset.Sha256Hex}|{asset.FocalX:R},{asset.FocalY:R}|{request.Key}|{Pipeline}|{engineVersion}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }

    /// <summary>
    /// The rendition from memory, disk, or made once for every concurrent request of it. The maker runs with the
    /// first requester's token: when that client leaves, the work stops and a requester still waiting makes it anew.
    /// </summary>
    public async Task<Rendition> GetOrMakeAsync(string key, string contentType, Func<CancellationToken, Task<byte[]>> make, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(make);
        while (true)
        {
            if (_memory.TryGetValue(key, out var hit))
            {
                hit.LastUse = Interlocked.Increment(ref _tick);
                return hit.Rendition;
            }

            var maker = _making.GetOrAdd(key, k => new Lazy<Task<Rendition>>(() => LoadOrMakeAsync(k, contentType, make, ct)));
            try
            {
                return await maker.Value.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The request that was making it left; this one is still here.
            }
            finally
            {
                if (maker.Value.IsCompleted)
                {
                    _making.TryRemove(new KeyValuePair<string, Lazy<Task<Rendition>>>(key, maker));
                }
            }
        }
    }

    private async Task<Rendition> LoadOrMakeAsync(string key, string contentType, Func<CancellationToken, Task<byte[]>> make, CancellationToken ct)
    {
        var path = _diskBudget > 0 ? Path.Combine(_directory, key) : null;
        byte[]? bytes = null;
        if (path is not null && File.Exists(path))
        {
            try
            {
                bytes = await File.ReadAllBytesAsync(path, ct);
                File.SetLastAccessTimeUtc(path, DateTime.UtcNow);
            }
            catch (IOException)
            {
                bytes = null;
            }
        }

        if (bytes is null)
        {
            bytes = await make(ct);
            if (path is not null)
            {
                await WriteToDiskAsync(path, bytes);
            }
        }

        var rendition = new Rendition(bytes, contentType, "\"r" + key + "\"");
        Remember(key, rendition);
        return rendition;
    }

    private void Remember(string key, Rendition rendition)
    {
        if (rendition.Bytes.Length > _memoryBudget / 4)
        {
            return;
        }

        if (_memory.TryAdd(key, new Entry(rendition) { LastUse = Interlocked.Increment(ref _tick) }))
        {
            Interlocked.Add(ref _memoryBytes, rendition.Bytes.Length);
        }

        if (MemoryBytes > _memoryBudget)
        {
            foreach (var (old, _) in _memory.OrderBy(e => e.Value.LastUse).ToList())
            {
                if (MemoryBytes <= _memoryBudget * 8 / 10)
                {
                    break;
                }

                if (_memory.TryRemove(old, out var dropped))
                {
                    Interlocked.Add(ref _memoryBytes, -dropped.Rendition.Bytes.Length);
                }
            }
        }
    }

    private async Task WriteToDiskAsync(string path, byte[] bytes)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
            lock (_diskLock)
            {
                var files = new DirectoryInfo(_directory).GetFiles().Where(f => !f.Name.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
                var total = files.Sum(f => f.Length);
                foreach (var file in files.OrderBy(f => f.LastAccessTimeUtc))
                {
                    if (total <= _diskBudget)
                    {
                        break;
                    }

                    total -= file.Length;
                    file.Delete();
                }
            }
        }
        catch (IOException)
        {
            // The disk tier is an optimisation: when it cannot be written, the rendition is still served from memory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class Entry(Rendition rendition)
    {
        public Rendition Rendition { get; } = rendition;

        public long LastUse { get; set; }
    }
}
