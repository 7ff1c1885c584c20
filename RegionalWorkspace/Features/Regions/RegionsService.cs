using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Regions;

public sealed class RegionsService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access, WorkspaceChanges changes, TimeProvider clock)
{
    /// <summary>The 12 regions with their counts, for the home page.</summary>
    public async Task<IReadOnlyList<RegionSummary>> ListSummariesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        var year = clock.GetUtcNow().Year;
        var yearStart = new DateOnly(year, 1, 1);
        var nextYear = yearStart.AddYears(1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Regions.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new RegionSummary(
                r.Id,
                r.Code,
                r.NameFr,
                r.NameAr,
                r.Bodies.Count,
                r.Bodies.SelectMany(b => b.Members).Count(),
                r.Bodies.SelectMany(b => b.Meetings).Count(m => m.Date >= yearStart && m.Date < nextYear && m.Status != MeetingStatus.Cancelled)))
            .ToListAsync(ct);
    }

    public async Task<RegionDashboard> GetDashboardAsync(ClaimsPrincipal principal, int regionId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, regionId, ct);
        var yearStart = new DateOnly(clock.GetUtcNow().Year, 1, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.BodyMembers.Where(m => m.Body!.RegionId == regionId);
        var meetings = db.BodyMeetings.Where(m => m.Body!.RegionId == regionId);
        var outputs = db.BodyOutputs.Where(o => meetings.Any(m => m.Id == o.MeetingId));
        var bySeat = await members.GroupBy(m => m.SeatType).Select(g => new SeatCount(g.Key, g.Count())).ToListAsync(ct);
        var byGender = await members.GroupBy(m => m.Gender).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new RegionDashboard(
            await db.Bodies.CountAsync(b => b.RegionId == regionId, ct),
            byGender.Sum(g => g.Count),
            byGender.Where(g => g.Key == Gender.Female).Sum(g => g.Count),
            byGender.Where(g => g.Key == Gender.Male).Sum(g => g.Count),
            bySeat.OrderByDescending(s => s.Members).ToList(),
            await meetings.CountAsync(m => m.Status == MeetingStatus.Held, ct),
            await meetings.CountAsync(m => m.Status == MeetingStatus.Planned, ct),
            await outputs.CountAsync(ct),
            await outputs.CountAsync(o => meetings.Any(m => m.Id == o.MeetingId && m.Date >= yearStart), ct));
    }

    /// <summary>The 12 regions side by side (leadership, coordinators, CESE, administrators).</summary>
    public async Task<IReadOnlyList<RegionComparison>> CompareAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.CompareRegions, ct: ct);
        var yearStart = new DateOnly(clock.GetUtcNow().Year, 1, 1);
        var nextYear = yearStart.AddYears(1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Regions.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new RegionComparison(
                r.Id, r.Code, r.NameFr, r.NameAr,
                r.Bodies.Count,
                r.Bodies.SelectMany(b => b.Members).Count(),
                r.Bodies.SelectMany(b => b.Members).Count(m => m.Gender == Gender.Female),
                r.Bodies.SelectMany(b => b.Meetings).Count(m => m.Status == MeetingStatus.Held && m.Date >= yearStart && m.Date < nextYear),
                r.Bodies.SelectMany(b => b.Meetings).Count(m => m.Status == MeetingStatus.Planned),
                r.Bodies.SelectMany(b => b.Meetings).Where(m => m.Date >= yearStart && m.Date < nextYear).SelectMany(m => m.Outputs).Count()))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<RegionOption>> ListOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Regions.AsNoTracking().OrderBy(r => r.Id).Select(r => new RegionOption(r.Id, r.Code, r.NameFr, r.NameAr)).ToListAsync(ct);
    }

    public async Task<RegionDetail> GetAsync(ClaimsPrincipal principal, string code, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var region = await db.Regions.AsNoTracking().Where(r => r.Code == code)
            .Select(r => new RegionDetail(
                r.Id, r.Code, r.NameFr, r.NameAr, r.Population, r.PopulationYear, r.PetitionSignatures, r.PetitionProvinceSharePercent, r.Version,
                r.Bodies.OrderBy(b => b.Kind).ThenBy(b => b.NameFr).Select(b => new BodySummary(
                    b.Id, b.Kind, b.NameFr, b.NameAr, b.Status,
                    b.Members.Count,
                    b.Meetings.Count(m => m.Status == MeetingStatus.Held),
                    b.Meetings.Count(m => m.Status == MeetingStatus.Planned))).ToList()))
            .FirstOrDefaultAsync(ct);
        return region ?? throw new NotFoundException("Error.RegionNotFound");
    }

    public async Task UpdateSettingsAsync(ClaimsPrincipal principal, int regionId, RegionSettingsInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.EditRegionSettings, regionId, ct);
        InputRules.ThrowIfAny(input.Validate());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var region = await db.Regions.FirstOrDefaultAsync(r => r.Id == regionId, ct) ?? throw new NotFoundException("Error.RegionNotFound");
        Concurrency.Expect(db, region, input.Version, () => ToInput(region));
        region.NameFr = input.NameFr.Trim();
        region.NameAr = input.NameAr.Trim();
        region.Population = input.Population;
        region.PopulationYear = input.PopulationYear;
        region.PetitionSignatures = input.PetitionSignatures!.Value;
        region.PetitionProvinceSharePercent = input.PetitionProvinceSharePercent!.Value;
        await Concurrency.SaveAsync(db, region, () => ToInput(region), ct);
        await changes.PublishAsync(actor, new Change(
            Capability.Regions, "Region", region.Id, region.Id, ChangeKind.Updated, region.Version, region.NameFr, $"/regions/{region.Code}", RegionKey(region.Id)));
    }

    public static string RegionKey(int regionId) => $"region:{regionId}";

    private static RegionSettingsInput ToInput(Region r) => new()
    {
        NameFr = r.NameFr,
        NameAr = r.NameAr,
        Population = r.Population,
        PopulationYear = r.PopulationYear,
        PetitionSignatures = r.PetitionSignatures,
        PetitionProvinceSharePercent = r.PetitionProvinceSharePercent,
        Version = r.Version,
    };
}
