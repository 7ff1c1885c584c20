namespace RegionalWorkspace.Features.Regions;

public enum OrganisationKind
{
    Association,
    AdvisoryCouncil,
    Ministry,
    RegionalCouncil,
}

/// <summary>A party to the convention (ARM, CESE, DGCT) or one of the 12 regional councils.</summary>
public sealed class Organisation
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public OrganisationKind Kind { get; set; }

    public required string NameFr { get; set; }

    public required string NameAr { get; set; }

    public int? RegionId { get; set; }

    public Region? Region { get; set; }
}
