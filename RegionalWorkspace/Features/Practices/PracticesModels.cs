using System.Net.Mail;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Practices;

public sealed class PracticeTextInput
{
    public string Language { get; set; } = Cultures.French;

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>Markdown; rendered sanitised.</summary>
    public string Body { get; set; } = "";
}

/// <summary>A practice's editable content: what the form edits, what a version keeps, what a restore brings back.</summary>
public sealed class PracticeInput
{
    public const int MaxBody = 50_000;
    public const int MaxTags = 20;

    public PracticeCommitment? Commitment { get; set; } = PracticeCommitment.C1;

    public PracticeThemes Themes { get; set; }

    public PracticeSubThemes SubThemes { get; set; }

    public int? BodyId { get; set; }

    public List<PracticeTextInput> Texts { get; set; } = [new()];

    /// <summary>Comma-separated.</summary>
    public string? Tags { get; set; }

    public string? Results { get; set; }

    public string? Indicators { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>The version the edit is based on (not part of a saved version's content).</summary>
    public int Version { get; set; }

    public IReadOnlyList<string> TagList() =>
        (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct().ToList();

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Defined(errors, nameof(Commitment), Commitment);
        if ((Themes & ~(PracticeThemes.Economic | PracticeThemes.Social | PracticeThemes.Environmental)) != 0 || Themes == PracticeThemes.None)
        {
            errors.Add(new(nameof(Themes), "Validation.ThemeRequired"));
        }

        if ((int)SubThemes < 0 || (int)SubThemes >= 256)
        {
            errors.Add(new(nameof(SubThemes), "Validation.Choose"));
        }

        if (Texts.Count == 0)
        {
            errors.Add(new(nameof(Texts), "Validation.OneLanguage"));
        }

        if (Texts.Select(t => t.Language).Distinct().Count() != Texts.Count)
        {
            errors.Add(new(nameof(Texts), "Validation.LanguageTwice"));
        }

        for (var i = 0; i < Texts.Count; i++)
        {
            var text = Texts[i];
            if (!Cultures.IsSupported(text.Language))
            {
                errors.Add(new($"Texts[{i}].Language", "Validation.Culture"));
            }

            InputRules.Text(errors, $"Texts[{i}].Title", text.Title, required: true, max: 200);
            InputRules.Text(errors, $"Texts[{i}].Summary", text.Summary, required: true, max: 1_000, multiline: true);
            InputRules.Text(errors, $"Texts[{i}].Body", text.Body, required: true, max: MaxBody, multiline: true);
        }

        var tags = TagList();
        if (tags.Count > MaxTags)
        {
            errors.Add(new(nameof(Tags), "Validation.TooMany", MaxTags));
        }
        else if (tags.Any(t => t.Length > 40 || InputRules.HasForbiddenCharacters(t) || InputRules.LooksLikeMarkup(t)))
        {
            errors.Add(new(nameof(Tags), "Validation.TagFormat"));
        }

        InputRules.Text(errors, nameof(Results), Results, required: false, max: 5_000, multiline: true);
        InputRules.Text(errors, nameof(Indicators), Indicators, required: false, max: 5_000, multiline: true);
        InputRules.Text(errors, nameof(ContactName), ContactName, required: false, max: 150);
        if (!string.IsNullOrWhiteSpace(ContactEmail)
            && (ContactEmail.Trim().Length > 256 || !MailAddress.TryCreate(ContactEmail.Trim(), out var parsed) || parsed.Address != ContactEmail.Trim()))
        {
            errors.Add(new(nameof(ContactEmail), "Validation.Email"));
        }

        return errors;
    }

    public PracticeInput Copy() => System.Text.Json.JsonSerializer.Deserialize<PracticeInput>(System.Text.Json.JsonSerializer.Serialize(this))!;
}

/// <summary>What the search page lists.</summary>
public sealed class PracticeQuery
{
    public string? Text { get; set; }

    public int? RegionId { get; set; }

    public PracticeThemes? Theme { get; set; }

    public PracticeCommitment? Commitment { get; set; }

    public PracticeStatus? Status { get; set; }

    public string? Tag { get; set; }

    public PracticeSort Sort { get; set; } = PracticeSort.Relevance;

    public int Page { get; set; }

    public int PageSize { get; set; } = 20;
}

public enum PracticeSort
{
    Relevance,
    Newest,
    Title,
    MostAdopted,
}

public sealed record PracticeTextRow(string Language, string Title, string Summary, string Body);

public sealed record PracticeRow(
    int Id,
    int RegionId,
    string RegionCode,
    string RegionNameFr,
    string RegionNameAr,
    PracticeCommitment Commitment,
    PracticeStatus Status,
    PracticeThemes Themes,
    IReadOnlyList<PracticeTextRow> Texts,
    IReadOnlyList<string> Tags,
    int Adoptions,
    DateTime UpdatedAtUtc);

public sealed record AttachmentRow(int Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAtUtc)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

public sealed record CommentRow(int Id, string AuthorName, int? AuthorRegionId, string Text, DateTime AtUtc);

public sealed record AdoptionRow(int RegionId, string RegionNameFr, string RegionNameAr, string AdoptedBy, string? Note, DateTime AtUtc);

public sealed record PracticeDetail(
    int Id,
    int RegionId,
    string RegionCode,
    string RegionNameFr,
    string RegionNameAr,
    PracticeStatus Status,
    int? BodyId,
    string? BodyNameFr,
    string? BodyNameAr,
    PracticeInput Content,
    int Version,
    string? UpdatedBy,
    DateTime UpdatedAtUtc,
    DateTime? PublishedAtUtc,
    IReadOnlyList<AttachmentRow> Attachments,
    IReadOnlyList<CommentRow> Comments,
    IReadOnlyList<AdoptionRow> Adoptions);

public sealed record VersionRow(int Number, DateTime SavedAtUtc, string SavedBy);

public enum DiffKind
{
    Same,
    Added,
    Removed,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>One cell of the region-to-region adoption table: how many practices <c>To</c> took from <c>From</c>.</summary>
public sealed record AdoptionFlow(int FromRegionId, int ToRegionId, int Practices);
