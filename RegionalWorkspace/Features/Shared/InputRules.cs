using System.Text.RegularExpressions;

namespace RegionalWorkspace.Features.Shared;

/// <summary>Server-side checks shared by every form; each adds a <see cref="FieldError"/> instead of throwing.</summary>
public static partial class InputRules
{
    public static void Text(List<FieldError> errors, string field, string? value, bool required, int max, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(field, "Validation.Required"));
            }

            return;
        }

        if (value.Trim().Length > max)
        {
            errors.Add(new(field, "Validation.TooLong", max));
        }
        else if (HasForbiddenCharacters(value, multiline))
        {
            errors.Add(new(field, "Validation.ControlCharacters"));
        }
        else if (LooksLikeMarkup(value))
        {
            errors.Add(new(field, "Validation.Markup"));
        }
    }

    /// <summary>
    /// Control characters (line breaks and tabs allowed in multi-line text), broken UTF-16 (a lone surrogate cannot be
    /// stored as UTF-8), and the bidirectional overrides that make text read differently from what it is ("Trojan
    /// source", file names that end in "fdp.exe"). Single-line text refuses every explicit bidi control and the Unicode
    /// line separators; multi-line text keeps embeddings and isolates, which pasted Arabic paragraphs may carry.
    /// </summary>
    public static bool HasForbiddenCharacters(string value, bool multiline = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            var refused = c switch
            {
                '\n' or '\r' or '\t' => !multiline,
                _ when char.IsControl(c) || char.IsSurrogate(c) => true,
                '\u202D' or '\u202E' or '\uFFFE' or '\uFFFF' => true,
                '\u202A' or '\u202B' or '\u202C' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u2028' or '\u2029' => !multiline,
                _ => false,
            };
            if (refused)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The product's one rule on markup: user text is plain text (Markdown where a field says so), never HTML. A tag
    /// (<c>&lt;b&gt;</c>, <c>&lt;img src=x onerror=…&gt;</c>, <c>&lt;/p&gt;</c>), a comment or declaration
    /// (<c>&lt;!--</c>, <c>&lt;!doctype</c>, <c>&lt;?</c>) or a script URL (<c>javascript:</c>, <c>vbscript:</c>) is
    /// refused, so a value is safe wherever it ends up (a page, a PDF, a CSV opened elsewhere, another system reading the
    /// open data). Comparisons ("a &lt; b", "&lt;5 %") and Markdown autolinks (<c>&lt;https://…&gt;</c>) stay allowed.
    /// </summary>
    public static bool LooksLikeMarkup(string value) => value.Contains('<') ? s_markup.IsMatch(value) : s_scriptUrl.IsMatch(value);

    private static readonly Regex s_markup = MarkupPattern();
    private static readonly Regex s_scriptUrl = ScriptUrlPattern();

    // A tag: "<" or "</", a letter, name characters, then a space, "/", ">" or the end (an autolink's "<https:" is not one).
    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|<[!?]|(?:java|vb)script\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkupPattern();

    [GeneratedRegex(@"(?:java|vb)script\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ScriptUrlPattern();

    /// <summary>
    /// An optional web address: http or https only (never <c>javascript:</c>, <c>data:</c>, <c>file:</c>), with a host when
    /// <paramref name="requireHost"/>. An address that is not one gets the address message alone, not a list of its faults.
    /// </summary>
    public static void Url(List<FieldError> errors, string field, string? value, int max, bool requireHost = false)
    {
        var before = errors.Count;
        Text(errors, field, value, required: false, max);
        if (!string.IsNullOrWhiteSpace(value)
            && (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http") || (requireHost && string.IsNullOrEmpty(link.Host))))
        {
            errors.RemoveRange(before, errors.Count - before);
            errors.Add(new(field, "Validation.Url"));
        }
    }

    public static void Defined<TEnum>(List<FieldError> errors, string field, TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is not { } v || !Enum.IsDefined(v))
        {
            errors.Add(new(field, "Validation.Choose"));
        }
    }

    public static void Date(List<FieldError> errors, string field, DateOnly? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new(field, "Validation.Required"));
            }
        }
        else if (value.Value.Year is < 1990 or > 2100)
        {
            errors.Add(new(field, "Validation.DateRange"));
        }
    }

    /// <summary>The longest search term a list searches for; a longer one is cut (SQLite refuses LIKE patterns beyond 50,000 bytes).</summary>
    public const int MaxSearchTerm = 200;

    /// <summary>
    /// What a search box's text searches for: without control characters or broken UTF-16 (which would make normalisation
    /// throw), trimmed, cut to <see cref="MaxSearchTerm"/>; null when nothing is left. A search is never refused: any
    /// text gives a (possibly empty) page.
    /// </summary>
    public static string? SearchTerm(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var kept = new System.Text.StringBuilder(Math.Min(value.Length, MaxSearchTerm * 2));
        for (var i = 0; i < value.Length && kept.Length < MaxSearchTerm * 2; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                kept.Append(c).Append(value[++i]);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\u202D' or '\u202E'))
            {
                kept.Append(c);
            }
        }

        var term = kept.ToString().Trim();
        if (term.Length > MaxSearchTerm)
        {
            term = term[..(char.IsHighSurrogate(term[MaxSearchTerm - 1]) ? MaxSearchTerm - 1 : MaxSearchTerm)].TrimEnd();
        }

        return term.Length == 0 ? null : term;
    }

    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void ThrowIfAny(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
