using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;

namespace RegionalWorkspace.Features.Regions;

/// <summary>One of the 12 regions of decree 2-15-40. Names and petition thresholds are data, editable by administrators.</summary>
public sealed class Region : Editable
{
    public int Id { get; set; }

    /// <summary>Short stable code used in URLs and file names, e.g. <c>RSK</c>.</summary>
    public required string Code { get; set; }

    public required string NameFr { get; set; }

    public required string NameAr { get; set; }

    public long? Population { get; set; }

    public int? PopulationYear { get; set; }

    /// <summary>Signatures a citizens' petition needs in this region (arts. 118–122 of law 111-14; set per council).</summary>
    public int PetitionSignatures { get; set; }

    /// <summary>Minimum share of signatories living in each prefecture or province, in percent.</summary>
    public int PetitionProvinceSharePercent { get; set; }

    public List<ParticipatoryBody> Bodies { get; } = [];
}
