using NetVips;

namespace KetamineContent.Api.Assets;

/// <summary>
/// Width, height and page count as the decoder itself reads them from the file's header (NetVips opens the bytes lazily:
/// no pixel is decoded). For an AVIF grid libheif reports the grid's output size, whatever other boxes claim; a JPEG's
/// SOF, a WebP's canvas and frame, a GIF's screen grown to its frames are all the decoder's own reading.
/// </summary>
public sealed record ImageHeader(int Width, int Height, int Pages)
{
    public long Pixels => (long)Width * Height;

    /// <summary>The header, or null with the decoder's reason (for the log, never for the client).</summary>
    public static (ImageHeader? Header, string? Error) Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ImageEngine.Initialise();
        try
        {
            using var image = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential);
            var pages = image.Contains("n-pages") && image.Get("n-pages") is int n ? n : 1;
            return image.Width > 0 && image.Height > 0 ? (new ImageHeader(image.Width, image.Height, Math.Max(1, pages)), null) : (null, "no size in the header");
        }
        catch (VipsException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Which limit the header exceeds (the detail names the setting), or null.</summary>
    public string? Exceeds(AssetOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (Pixels > limits.MaxPixels)
        {
            return $"The image declares {Width} x {Height} = {Pixels} pixels, more than the {limits.MaxPixels} allowed (Assets:MaxPixels).";
        }

        if (Math.Max(Width, Height) > limits.MaxDimension)
        {
            return $"The image declares {Width} x {Height} pixels; no side may exceed {limits.MaxDimension} (Assets:MaxDimension).";
        }

        return Pages > limits.MaxPages ? $"The file has {Pages} pages or frames, more than the {limits.MaxPages} allowed (Assets:MaxPages)." : null;
    }
}
