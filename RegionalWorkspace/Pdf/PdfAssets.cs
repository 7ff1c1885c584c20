using System.Collections.Concurrent;

namespace RegionalWorkspace.Pdf;

/// <summary>
/// The only place printed pages may load anything from: <c>wwwroot-assets/</c>, under a reserved origin that the
/// engine answers itself. Every other request of a printed page is refused, so a document never reaches the network.
/// </summary>
public sealed class PdfAssets(string root)
{
    /// <summary>A reserved name (RFC 2606 <c>.invalid</c>): it can never resolve to a real host.</summary>
    public const string Origin = "https://assets.rw.invalid/";

    private readonly ConcurrentDictionary<string, byte[]?> _cache = new(StringComparer.Ordinal);
    private readonly string _root = Path.GetFullPath(root);

    public static string Url(string path) => Origin + path.TrimStart('/');

    /// <summary>The bytes behind <paramref name="url"/>, or null when it is not one of our assets.</summary>
    public byte[]? Find(string url)
    {
        if (!url.StartsWith(Origin, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = Uri.UnescapeDataString(url[Origin.Length..].Split('?', '#')[0]);
        return _cache.GetOrAdd(relative, Load);
    }

    public static string ContentType(string url) => Path.GetExtension(url.Split('?', '#')[0]).ToLowerInvariant() switch
    {
        ".css" => "text/css",
        ".ttf" => "font/ttf",
        ".woff2" => "font/woff2",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    };

    private byte[]? Load(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        // Nothing outside the assets folder, whatever the path says.
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? File.ReadAllBytes(full) : null;
    }
}
