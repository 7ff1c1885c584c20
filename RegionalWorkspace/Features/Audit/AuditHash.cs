using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RegionalWorkspace.Features.Audit;

/// <summary>
/// The chain's hash: SHA-256 (lower-case hex) of a canonical text of an entry's fields in a fixed order, each written as
/// <c>length:value</c> (or <c>~</c> for null) followed by a line feed, so that no two different entries share a text.
/// The first entry's previous hash is <see cref="Genesis"/>.
/// </summary>
public static class AuditHash
{
    public static readonly string Genesis = new('0', 64);

    public static string Canonical(AuditEntry e)
    {
        var text = new StringBuilder(256 + (e.Before?.Length ?? 0) + (e.After?.Length ?? 0));
        Append(text, e.Id.ToString(CultureInfo.InvariantCulture));
        Append(text, FormatTime(e.AtUtc));
        Append(text, e.UserId);
        Append(text, e.UserName);
        Append(text, e.EntityType);
        Append(text, e.EntityKey);
        Append(text, e.Operation.ToString());
        Append(text, e.Before);
        Append(text, e.After);
        Append(text, e.PreviousHash);
        return text.ToString();
    }

    public static string Compute(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>Microseconds, whatever the <see cref="DateTime.Kind"/> the provider reads back.</summary>
    public static string FormatTime(DateTime atUtc) =>
        atUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops the ticks below a microsecond, which PostgreSQL would not keep.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    private static void Append(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append('~');
        }
        else
        {
            text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        text.Append('\n');
    }
}
