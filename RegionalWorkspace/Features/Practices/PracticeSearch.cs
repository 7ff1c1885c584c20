using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Practices;

/// <summary>The searchable text of a practice (title, summary, body and tags in every language), normalised.</summary>
public sealed class PracticeSearchDocument
{
    public int PracticeId { get; set; }

    public required string Content { get; set; }

    /// <summary>Titles, summaries and tags only: what relevance is ranked on where ranking every word costs too much (PostgreSQL).</summary>
    public required string Head { get; set; }
}

/// <summary>A full-text match: the practice and its relevance (higher is better).</summary>
public sealed class PracticeMatch
{
    public int PracticeId { get; set; }

    public double Score { get; set; }
}

/// <summary>
/// Full-text search over <see cref="PracticeSearchDocument"/>: SQLite FTS5 on SQLite, PostgreSQL full-text search on
/// PostgreSQL. Both see the same text, normalised by <see cref="SearchText"/>, so they find the same practices.
/// </summary>
public interface IPracticeSearch
{
    /// <summary>A composable query of the practices matching every word of <paramref name="words"/> (each as a prefix), with their relevance.</summary>
    IQueryable<PracticeMatch> Match(AppDbContext db, IReadOnlyList<string> words);

    /// <summary>The same practices' ids only: for filtering and counting, where relevance is not needed.</summary>
    IQueryable<int> Ids(AppDbContext db, IReadOnlyList<string> words);
}

/// <summary>FTS5 table <c>PracticeFts</c>, kept in step with <c>PracticeSearchDocuments</c> by triggers (see the migration).</summary>
public sealed class SqlitePracticeSearch : IPracticeSearch
{
    public IQueryable<PracticeMatch> Match(AppDbContext db, IReadOnlyList<string> words)
    {
        // Words are letters and digits only (SearchText.Words), so quoting each one is enough.
        var expression = string.Join(" AND ", words.Select(w => $"\"{w}\"*"));
        return db.Set<PracticeMatch>().FromSqlInterpolated(
            $"SELECT rowid AS PracticeId, -bm25(PracticeFts) AS Score FROM PracticeFts WHERE PracticeFts MATCH {expression}");
    }

    public IQueryable<int> Ids(AppDbContext db, IReadOnlyList<string> words)
    {
        var expression = string.Join(" AND ", words.Select(w => $"\"{w}\"*"));
        return db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM PracticeFts WHERE PracticeFts MATCH {expression}");
    }
}

/// <summary>
/// Stored <c>tsvector</c> columns (see the migrations): <c>SearchVector</c> over everything, GIN-indexed, to match on;
/// <c>HeadVector</c> over titles, summaries and tags to rank by: a match there counts most, and ranking a short vector
/// stays cheap when thousands of practices match.
/// </summary>
public sealed class PostgresPracticeSearch : IPracticeSearch
{
    public IQueryable<PracticeMatch> Match(AppDbContext db, IReadOnlyList<string> words)
    {
        var all = string.Join(" & ", words.Select(w => w + ":*"));
        var any = string.Join(" | ", words.Select(w => w + ":*"));
        return db.Set<PracticeMatch>().FromSqlInterpolated(
            $"""SELECT "PracticeId", ts_rank("HeadVector", to_tsquery('simple', {any}))::float8 AS "Score" FROM "PracticeSearchDocuments" WHERE "SearchVector" @@ to_tsquery('simple', {all})""");
    }

    public IQueryable<int> Ids(AppDbContext db, IReadOnlyList<string> words)
    {
        var all = string.Join(" & ", words.Select(w => w + ":*"));
        return db.Database.SqlQuery<int>($"""SELECT "PracticeId" AS "Value" FROM "PracticeSearchDocuments" WHERE "SearchVector" @@ to_tsquery('simple', {all})""");
    }
}

/// <summary>
/// One normalisation for indexing and for queries: lower case, no accents or Arabic vowel marks, Arabic letter variants
/// folded (أ إ آ ٱ → ا, ى → ي, ة → ه, no tatweel), words of letters and digits. So "reunion" finds "Réunion".
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        // Broken UTF-16 would make string.Normalize throw: search terms are cleaned first (stored text is validated).
        text = InputRules.SearchTerm(text);
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || c == 'ـ')
            {
                continue;
            }

            builder.Append(c switch
            {
                'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                'ى' => 'ي',
                'ة' => 'ه',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of <paramref name="text"/>, normalised (at most 12, each at most 40 characters).</summary>
    public static IReadOnlyList<string> Words(string? text) => Tokens(text).Where(w => w.Length <= 40).Distinct().Take(12).ToList();

    /// <summary>What the index stores for a practice: every word of every part, normalised.</summary>
    public static string Document(IEnumerable<string?> parts) => string.Join(' ', parts.SelectMany(Tokens));

    private static IEnumerable<string> Tokens(string? text)
    {
        var current = new StringBuilder();
        foreach (var c in Normalize(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
