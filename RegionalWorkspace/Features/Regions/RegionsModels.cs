using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Regions;

public sealed record RegionSummary(int Id, string Code, string NameFr, string NameAr, int Bodies, int Members, int MeetingsThisYear);

public sealed record RegionDetail(
    int Id,
    string Code,
    string NameFr,
    string NameAr,
    long? Population,
    int? PopulationYear,
    int PetitionSignatures,
    int PetitionProvinceSharePercent,
    int Version,
    IReadOnlyList<BodySummary> Bodies);

public sealed record BodySummary(int Id, BodyKind Kind, string NameFr, string NameAr, BodyStatus Status, int Members, int MeetingsHeld, int MeetingsPlanned);

public sealed record RegionOption(int Id, string Code, string NameFr, string NameAr);

public static class RegionOptions
{
    /// <summary>The name of region <paramref name="id"/> in the UI's language, or <paramref name="missing"/> when it is not in the list.</summary>
    public static string NameOf(this IEnumerable<RegionOption> regions, int? id, string missing = "") =>
        regions.FirstOrDefault(r => r.Id == id) is { } r ? Resources.Cultures.Pick(r.NameFr, r.NameAr) : missing;
}

/// <summary>The editable reference data of a region (administrators only).</summary>
public sealed class RegionSettingsInput
{
    public string NameFr { get; set; } = "";

    public string NameAr { get; set; } = "";

    public long? Population { get; set; }

    public int? PopulationYear { get; set; }

    public int? PetitionSignatures { get; set; }

    public int? PetitionProvinceSharePercent { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(NameFr), NameFr, required: true, max: 120);
        InputRules.Text(errors, nameof(NameAr), NameAr, required: true, max: 120);
        if (Population is < 0 or > 100_000_000)
        {
            errors.Add(new(nameof(Population), "Validation.Range", 0, 100_000_000));
        }

        if (PopulationYear is < 1900 or > 2100)
        {
            errors.Add(new(nameof(PopulationYear), "Validation.Range", 1900, 2100));
        }

        if (PetitionSignatures is not (>= 1 and <= 100_000))
        {
            errors.Add(new(nameof(PetitionSignatures), "Validation.Range", 1, 100_000));
        }

        if (PetitionProvinceSharePercent is not (>= 0 and <= 100))
        {
            errors.Add(new(nameof(PetitionProvinceSharePercent), "Validation.Range", 0, 100));
        }

        return errors;
    }
}

public sealed record SeatCount(SeatType Seat, int Members);

/// <summary>A region's live dashboard: its bodies, their members and meetings, and what they addressed to the council.</summary>
public sealed record RegionDashboard(
    int Bodies,
    int Members,
    int Women,
    int Men,
    IReadOnlyList<SeatCount> BySeat,
    int MeetingsHeld,
    int MeetingsPlanned,
    int Outputs,
    int OutputsThisYear);

/// <summary>One region's line in the side-by-side dashboard of the 12 regions.</summary>
public sealed record RegionComparison(
    int Id,
    string Code,
    string NameFr,
    string NameAr,
    int Bodies,
    int Members,
    int Women,
    int MeetingsHeldThisYear,
    int MeetingsPlanned,
    int OutputsThisYear);
