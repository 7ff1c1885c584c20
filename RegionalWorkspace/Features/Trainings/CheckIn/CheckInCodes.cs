using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>A session's code as shown now, and when it leaves the screen.</summary>
public sealed record RotatingCode(string Code, DateTimeOffset ShownSinceUtc, DateTimeOffset RotatesAtUtc);

public enum CodeCheck
{
    Accepted,
    Expired,
    Wrong,
}

/// <summary>
/// The short codes shown on the projector: 6 characters from an alphabet without look-alikes (no 0/O, 1/I), derived
/// like a TOTP from the session's secret and the 30-second time step (HMAC-SHA256). Nothing is stored: any server
/// holding the session computes the same code. A code is accepted while shown and for
/// <see cref="CheckInOptions.CodeToleranceSeconds"/> after; a code of the last ten minutes is "expired", anything else
/// "wrong".
/// </summary>
public sealed class CheckInCodes(TimeProvider clock, IOptions<CheckInOptions> options)
{
    public const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int Length = 6;

    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>How many earlier steps are recognised as "expired" (ten minutes) rather than "wrong".</summary>
    private const int RecentSteps = 20;

    public RotatingCode Current(string secret)
    {
        var step = StepOf(clock.GetUtcNow());
        return new RotatingCode(CodeAt(secret, step), StartOf(step), StartOf(step + 1));
    }

    public CodeCheck Check(string secret, string? typed)
    {
        var candidate = Encoding.ASCII.GetBytes(Normalize(typed));
        var now = clock.GetUtcNow();
        var step = StepOf(now);
        var tolerance = TimeSpan.FromSeconds(Math.Max(0, options.Value.CodeToleranceSeconds));
        var accepted = false;
        var expired = false;
        // Every recent code is computed and compared in full, in constant time: the answer's timing says nothing.
        for (var back = 0; back <= RecentSteps; back++)
        {
            var matches = CryptographicOperations.FixedTimeEquals(candidate, Encoding.ASCII.GetBytes(CodeAt(secret, step - back)));
            var stillValid = back == 0 || now - StartOf(step - back + 1) <= tolerance;
            accepted |= matches && stillValid;
            expired |= matches && !stillValid;
        }

        return accepted ? CodeCheck.Accepted : expired ? CodeCheck.Expired : CodeCheck.Wrong;
    }

    /// <summary>What people type: spaces, dashes and lower case are forgiven.</summary>
    public static string Normalize(string? typed) =>
        new((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Take(32).Select(char.ToUpperInvariant).ToArray());

    internal static string CodeAt(string secret, long step)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, step);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, hash);
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            // 32 letters divide 256: no bias.
            code[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return new string(code);
    }

    private static long StepOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    private static DateTimeOffset StartOf(long step) => DateTimeOffset.FromUnixTimeSeconds(step * (long)Step.TotalSeconds);
}
