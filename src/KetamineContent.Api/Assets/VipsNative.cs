using System.Reflection;
using System.Runtime.InteropServices;

namespace KetamineContent.Api.Assets;

/// <summary>
/// The project's own thin binding of libvips' C API (libvips.so.42, Debian's libvips42): only the calls renditions
/// need. Variadic option lists are passed as fixed trailing arguments ending in NULL; every value is an int or a
/// pointer, which the System V x86-64 and AArch64 Linux conventions pass the same way for variadic functions.
/// </summary>
internal static unsafe partial class VipsNative
{
    public const string Library = "vips";
    private const string GObject = "libgobject-2.0.so.0";
    private const string GLib = "libglib-2.0.so.0";

    /// <summary>VipsSize: never enlarge.</summary>
    public const int SizeDown = 2;

    private static string _path = "libvips.so.42";

    static VipsNative() => NativeLibrary.SetDllImportResolver(typeof(VipsNative).Assembly, Resolve);

    /// <summary>Where "vips" resolves from; set once before the first call.</summary>
    public static void Use(string path) => _path = path;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library && NativeLibrary.TryLoad(_path, out var handle) ? handle : IntPtr.Zero;

    [LibraryImport(Library, EntryPoint = "vips_init", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Init(string argv0);

    [LibraryImport(Library, EntryPoint = "vips_cache_set_max")]
    public static partial void CacheSetMax(int max);

    [LibraryImport(Library, EntryPoint = "vips_concurrency_set")]
    public static partial void ConcurrencySet(int concurrency);

    [LibraryImport(Library, EntryPoint = "vips_operation_block_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void OperationBlockSet(string name, int state);

    [LibraryImport(Library, EntryPoint = "vips_version")]
    public static partial int Version(int flag);

    [LibraryImport(Library, EntryPoint = "vips_error_buffer")]
    public static partial IntPtr ErrorBuffer();

    [LibraryImport(Library, EntryPoint = "vips_error_clear")]
    public static partial void ErrorClear();

    /// <summary>vips_thumbnail_buffer(buf, len, &amp;out, width, "height", h, "size", size, NULL).</summary>
    [LibraryImport(Library, EntryPoint = "vips_thumbnail_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ThumbnailBuffer(byte* buffer, nuint length, out IntPtr image, int width, string heightName, int height, string sizeName, int size, IntPtr end);

    /// <summary>vips_extract_area(in, &amp;out, left, top, width, height, NULL).</summary>
    [LibraryImport(Library, EntryPoint = "vips_extract_area")]
    public static partial int ExtractArea(IntPtr image, out IntPtr output, int left, int top, int width, int height, IntPtr end);

    /// <summary>vips_image_write_to_buffer(in, ".webp[Q=80,strip]", &amp;buf, &amp;size, NULL): the saver and its options from the suffix.</summary>
    [LibraryImport(Library, EntryPoint = "vips_image_write_to_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WriteToBuffer(IntPtr image, string suffix, out IntPtr buffer, out nuint size, IntPtr end);

    /// <summary>vips_copy(in, &amp;out, NULL): a new image header over the same pixels, whose metadata may be changed.</summary>
    [LibraryImport(Library, EntryPoint = "vips_copy")]
    public static partial int Copy(IntPtr image, out IntPtr output, IntPtr end);

    /// <summary>The NULL-terminated names of an image's metadata fields (free with g_strfreev).</summary>
    [LibraryImport(Library, EntryPoint = "vips_image_get_fields")]
    public static partial IntPtr ImageFields(IntPtr image);

    [LibraryImport(Library, EntryPoint = "vips_image_remove", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ImageRemove(IntPtr image, string name);

    [LibraryImport(GLib, EntryPoint = "g_strfreev")]
    public static partial void FreeStrings(IntPtr strings);

    [LibraryImport(Library, EntryPoint = "vips_image_get_width")]
    public static partial int ImageWidth(IntPtr image);

    [LibraryImport(Library, EntryPoint = "vips_image_get_height")]
    public static partial int ImageHeight(IntPtr image);

    [LibraryImport(GObject, EntryPoint = "g_object_unref")]
    public static partial void Unref(IntPtr instance);

    [LibraryImport(GLib, EntryPoint = "g_free")]
    public static partial void Free(IntPtr memory);

    /// <summary>
    /// Removes EXIF (with GPS), XMP, IPTC and comments. The savers' own strip option is not enough: libvips 8.14's
    /// WebP saver writes EXIF rebuilt from the exif-* fields even with strip set (a test shows GPS surviving).
    /// </summary>
    public static void RemoveMetadata(IntPtr image)
    {
        var fields = ImageFields(image);
        try
        {
            var names = new List<string>();
            for (var i = 0; Marshal.ReadIntPtr(fields, i * IntPtr.Size) is var name && name != IntPtr.Zero; i++)
            {
                names.Add(Marshal.PtrToStringUTF8(name)!);
            }

            foreach (var field in names.Where(n => n.StartsWith("exif-", StringComparison.Ordinal) || n.StartsWith("xmp-", StringComparison.Ordinal)
                                                  || n.StartsWith("iptc-", StringComparison.Ordinal) || n.Contains("comment", StringComparison.Ordinal)))
            {
                ImageRemove(image, field);
            }
        }
        finally
        {
            FreeStrings(fields);
        }
    }

    /// <summary>The message libvips left (then cleared), for an error answer or a log line.</summary>
    public static string LastError()
    {
        var message = Marshal.PtrToStringUTF8(ErrorBuffer())?.Trim() ?? "";
        ErrorClear();
        return message.Length == 0 ? "libvips failed without a message" : message;
    }
}
