using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Bodies;

/// <summary>
/// A region's participatory bodies, their members and their meetings. Everyone signed in reads them; administrators and
/// the region's own officers change them. Every change names the version it was based on (see <see cref="Concurrency"/>).
/// </summary>
public sealed class BodiesService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access, WorkspaceChanges changes, TimeProvider clock)
{
    public async Task<BodyDetail> GetAsync(ClaimsPrincipal principal, int bodyId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var body = await db.Bodies.AsNoTracking().Where(b => b.Id == bodyId)
            .Select(b => new BodyDetail(
                b.Id, b.RegionId, b.Region!.Code, b.Region.NameFr, b.Region.NameAr, b.Kind, b.NameFr, b.NameAr, b.Status, b.Description,
                b.Version, b.Members.Count, b.Meetings.Count))
            .FirstOrDefaultAsync(ct);
        return body ?? throw new NotFoundException("Error.BodyNotFound");
    }

    /// <summary>A region's bodies, for choosing one in a form.</summary>
    public async Task<IReadOnlyList<BodyOption>> ListOptionsAsync(ClaimsPrincipal principal, int regionId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bodies.AsNoTracking().Where(b => b.RegionId == regionId).OrderBy(b => b.Kind).ThenBy(b => b.NameFr)
            .Select(b => new BodyOption(b.Id, b.NameFr, b.NameAr)).ToListAsync(ct);
    }

    public async Task<int> CreateAsync(ClaimsPrincipal principal, int regionId, BodyInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.EditBodies, regionId, ct);
        var errors = input.Validate();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Regions.AnyAsync(r => r.Id == regionId, ct))
        {
            throw new NotFoundException("Error.RegionNotFound");
        }

        await CheckKindAvailableAsync(db, regionId, input.Kind, exceptBodyId: null, errors, ct);
        InputRules.ThrowIfAny(errors);
        db.Actor = actor.DisplayName;
        var body = new ParticipatoryBody { RegionId = regionId, NameFr = "", NameAr = "" };
        Apply(body, input);
        db.Bodies.Add(body);
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, BodyChange(body, ChangeKind.Created));
        return body.Id;
    }

    public async Task UpdateAsync(ClaimsPrincipal principal, int bodyId, BodyInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var body = await db.Bodies.FirstOrDefaultAsync(b => b.Id == bodyId, ct) ?? throw new NotFoundException("Error.BodyNotFound");
        var actor = await access.DemandAsync(principal, UseCase.EditBodies, body.RegionId, ct);
        var errors = input.Validate();
        await CheckKindAvailableAsync(db, body.RegionId, input.Kind, body.Id, errors, ct);
        InputRules.ThrowIfAny(errors);
        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, body, input.Version, () => Snapshot(body));
        Apply(body, input);
        await Concurrency.SaveAsync(db, body, () => Snapshot(body), ct);
        await changes.PublishAsync(actor, BodyChange(body, ChangeKind.Updated));
    }

    public async Task<Page<MemberRow>> ListMembersAsync(ClaimsPrincipal principal, int bodyId, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.BodyMembers.AsNoTracking().Where(m => m.BodyId == bodyId);
        if (InputRules.SearchTerm(search) is { } searched)
        {
            var term = searched.ToLower();
            query = query.Where(m => m.FullName.ToLower().Contains(term)
                || (m.FullNameAr != null && m.FullNameAr.Contains(term))
                || (m.Organisation != null && m.Organisation.ToLower().Contains(term)));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(m => m.FullName).ThenBy(m => m.Id)
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(m => new MemberRow(m.Id, m.FullName, m.FullNameAr, m.Organisation, m.SeatType, m.Gender, m.MandateStart, m.MandateEnd, m.Version))
            .ToListAsync(ct);
        return new Page<MemberRow>(items, total);
    }

    public async Task<int> AddMemberAsync(ClaimsPrincipal principal, int bodyId, MemberInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regionId = await RegionOfBodyAsync(db, bodyId, ct);
        var actor = await access.DemandAsync(principal, UseCase.EditBodies, regionId, ct);
        InputRules.ThrowIfAny(input.Validate());
        db.Actor = actor.DisplayName;
        var member = new BodyMember { BodyId = bodyId, FullName = "" };
        Apply(member, input);
        db.BodyMembers.Add(member);
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, MemberChange(member, regionId, ChangeKind.Created));
        return member.Id;
    }

    public async Task UpdateMemberAsync(ClaimsPrincipal principal, int memberId, MemberInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.BodyMembers.Include(m => m.Body).FirstOrDefaultAsync(m => m.Id == memberId, ct)
            ?? throw new NotFoundException("Error.MemberNotFound");
        var actor = await access.DemandAsync(principal, UseCase.EditBodies, member.Body!.RegionId, ct);
        InputRules.ThrowIfAny(input.Validate());
        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, member, input.Version, () => ToRow(member));
        Apply(member, input);
        await Concurrency.SaveAsync(db, member, () => ToRow(member), ct);
        await changes.PublishAsync(actor, MemberChange(member, member.Body.RegionId, ChangeKind.Updated));
    }

    public async Task RemoveMemberAsync(ClaimsPrincipal principal, int memberId, int version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.BodyMembers.Include(m => m.Body).FirstOrDefaultAsync(m => m.Id == memberId, ct)
            ?? throw new NotFoundException("Error.MemberNotFound");
        var actor = await access.DemandAsync(principal, UseCase.EditBodies, member.Body!.RegionId, ct);
        Concurrency.Expect(db, member, version, () => ToRow(member));
        db.BodyMembers.Remove(member);
        await Concurrency.SaveAsync(db, member, () => ToRow(member), ct);
        await changes.PublishAsync(actor, MemberChange(member, member.Body.RegionId, ChangeKind.Deleted));
    }

    public async Task<Page<MeetingRow>> ListMeetingsAsync(ClaimsPrincipal principal, int bodyId, int page, int pageSize, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.BodyMeetings.AsNoTracking().Where(m => m.BodyId == bodyId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id)
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(m => new MeetingRow(m.Id, m.Date, m.Status, m.Agenda, m.Minutes,
                m.Outputs.OrderBy(o => o.Id).Select(o => new OutputRow(o.Kind, o.Title)).ToList(), m.Version))
            .ToListAsync(ct);
        return new Page<MeetingRow>(items, total);
    }

    public async Task<int> AddMeetingAsync(ClaimsPrincipal principal, int bodyId, MeetingInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regionId = await RegionOfBodyAsync(db, bodyId, ct);
        var actor = await access.DemandAsync(principal, UseCase.EditBodies, regionId, ct);
        InputRules.ThrowIfAny(input.Validate(Today));
        db.Actor = actor.DisplayName;
        var meeting = new BodyMeeting { BodyId = bodyId, Agenda = "" };
        Apply(meeting, input);
        db.BodyMeetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, MeetingChange(meeting, regionId, ChangeKind.Created));
        return meeting.Id;
    }

    public async Task UpdateMeetingAsync(ClaimsPrincipal principal, int meetingId, MeetingInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.BodyMeetings.Include(m => m.Body).Include(m => m.Outputs).FirstOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new NotFoundException("Error.MeetingNotFound");
        var actor = await access.DemandAsync(principal, UseCase.EditBodies, meeting.Body!.RegionId, ct);
        InputRules.ThrowIfAny(input.Validate(Today));
        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, meeting, input.Version, () => ToRow(meeting));
        Apply(meeting, input);
        await Concurrency.SaveAsync(db, meeting, () => ToRow(meeting), ct);
        await changes.PublishAsync(actor, MeetingChange(meeting, meeting.Body.RegionId, ChangeKind.Updated));
    }

    public async Task RemoveMeetingAsync(ClaimsPrincipal principal, int meetingId, int version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.BodyMeetings.Include(m => m.Body).Include(m => m.Outputs).FirstOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new NotFoundException("Error.MeetingNotFound");
        var actor = await access.DemandAsync(principal, UseCase.EditBodies, meeting.Body!.RegionId, ct);
        Concurrency.Expect(db, meeting, version, () => ToRow(meeting));
        db.BodyMeetings.Remove(meeting);
        await Concurrency.SaveAsync(db, meeting, () => ToRow(meeting), ct);
        await changes.PublishAsync(actor, MeetingChange(meeting, meeting.Body.RegionId, ChangeKind.Deleted));
    }

    /// <summary>Presence and "X is editing" keys, and the scope of a body's live page.</summary>
    public static string BodyKey(int bodyId) => $"body:{bodyId}";

    public static string MemberKey(int memberId) => $"member:{memberId}";

    public static string MeetingKey(int meetingId) => $"meeting:{meetingId}";

    private static Change BodyChange(ParticipatoryBody b, ChangeKind kind) =>
        new(Capability.Bodies, "Body", b.Id, b.RegionId, kind, b.Version, b.NameFr, $"/bodies/{b.Id}", BodyKey(b.Id));

    private static Change MemberChange(BodyMember m, int regionId, ChangeKind kind) =>
        new(Capability.Bodies, "Member", m.Id, regionId, kind, m.Version, m.FullName, $"/bodies/{m.BodyId}", BodyKey(m.BodyId));

    private static Change MeetingChange(BodyMeeting m, int regionId, ChangeKind kind) =>
        new(Capability.Bodies, "Meeting", m.Id, regionId, kind, m.Version, MeetingTitle(m), $"/bodies/{m.BodyId}", BodyKey(m.BodyId));

    /// <summary>How a meeting reads in the activity feed: its date and the first item of its agenda.</summary>
    public static string MeetingTitle(BodyMeeting m) => $"{m.Date:yyyy-MM-dd} · {m.Agenda.Split('\n')[0].TrimStart('1', '.', ' ')}";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<int> RegionOfBodyAsync(AppDbContext db, int bodyId, CancellationToken ct) =>
        await db.Bodies.Where(b => b.Id == bodyId).Select(b => (int?)b.RegionId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Error.BodyNotFound");

    /// <summary>A region has one body of each art. 117 kind; dialogue mechanisms are not limited.</summary>
    private static async Task CheckKindAvailableAsync(AppDbContext db, int regionId, BodyKind? kind, int? exceptBodyId, List<FieldError> errors, CancellationToken ct)
    {
        if (kind is { } k && k != BodyKind.DialogueMechanism
            && await db.Bodies.AnyAsync(b => b.RegionId == regionId && b.Kind == k && b.Id != exceptBodyId, ct))
        {
            errors.Add(new(nameof(BodyInput.Kind), "Validation.KindTaken"));
        }
    }

    private static void Apply(ParticipatoryBody body, BodyInput input)
    {
        body.Kind = input.Kind!.Value;
        body.NameFr = input.NameFr.Trim();
        body.NameAr = input.NameAr.Trim();
        body.Status = input.Status!.Value;
        body.Description = InputRules.Clean(input.Description);
    }

    private static void Apply(BodyMember member, MemberInput input)
    {
        member.FullName = input.FullName.Trim();
        member.FullNameAr = InputRules.Clean(input.FullNameAr);
        member.Organisation = InputRules.Clean(input.Organisation);
        member.SeatType = input.SeatType!.Value;
        member.Gender = input.Gender!.Value;
        member.MandateStart = input.MandateStart!.Value;
        member.MandateEnd = input.MandateEnd;
    }

    private static void Apply(BodyMeeting meeting, MeetingInput input)
    {
        meeting.Date = input.Date!.Value;
        meeting.Status = input.Status!.Value;
        meeting.Agenda = input.Agenda.Trim();
        meeting.Minutes = InputRules.Clean(input.Minutes);
        meeting.Outputs.Clear();
        meeting.Outputs.AddRange(input.Outputs.Select(o => new BodyOutput { Kind = o.Kind!.Value, Title = o.Title.Trim() }));
    }

    private static BodyInput Snapshot(ParticipatoryBody b) =>
        new() { Kind = b.Kind, NameFr = b.NameFr, NameAr = b.NameAr, Status = b.Status, Description = b.Description, Version = b.Version };

    private static MemberRow ToRow(BodyMember m) =>
        new(m.Id, m.FullName, m.FullNameAr, m.Organisation, m.SeatType, m.Gender, m.MandateStart, m.MandateEnd, m.Version);

    private static MeetingRow ToRow(BodyMeeting m) =>
        new(m.Id, m.Date, m.Status, m.Agenda, m.Minutes, m.Outputs.Select(o => new OutputRow(o.Kind, o.Title)).ToList(), m.Version);
}
