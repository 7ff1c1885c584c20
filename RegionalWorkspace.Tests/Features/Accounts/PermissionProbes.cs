using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Backups;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Features.ListeningSessions;
using RegionalWorkspace.Tests.Features.Practices;
using RegionalWorkspace.Tests.Features.Studies;
using RegionalWorkspace.Tests.Features.StudyMeetings;
using RegionalWorkspace.Tests.Features.SupportActions;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.Accounts.PermissionsMatrix;

namespace RegionalWorkspace.Tests.Features.Accounts;

/// <summary>
/// A call of the real service method that guards <see cref="UseCase"/>. <see cref="ArrangeAsync"/> makes the records it
/// needs (by an account allowed to, in Rabat-Salé-Kénitra unless said otherwise); <see cref="ActAsync"/> is the call
/// made as each demo account. <see cref="TargetRegion"/> is the region whose data the call touches, as the permission
/// sees it for that caller.
/// </summary>
public sealed class PermissionProbe
{
    private PermissionProbe(string name, UseCase useCase)
    {
        Name = name;
        UseCase = useCase;
    }

    public string Name { get; }

    public UseCase UseCase { get; }

    /// <summary>The call saves something when allowed (the audit trail grows), so a refusal must leave the trail as it was.</summary>
    public bool Writes { get; private init; }

    /// <summary>A record one may not read is reported as not found (officers and CESE engagement of other regions).</summary>
    public bool HiddenWhenRefused { get; private init; }

    public Func<DemoCaller, int?> TargetRegion { get; private init; } = _ => Rsk;

    public Func<AppHost, Task<object>> ArrangeAsync { get; private init; } = _ => Task.FromResult<object>(0);

    public Func<AppHost, DemoCaller, ClaimsPrincipal, object, Task> ActAsync { get; private init; } = (_, _, _, _) => Task.CompletedTask;

    /// <summary>What else a refusal must leave unchanged (files written outside the database).</summary>
    public Func<AppHost, Task<string>> ExtraStateAsync { get; private init; } = _ => Task.FromResult("");

    public override string ToString() => Name;

    public static PermissionProbe Reads<T>(string name, UseCase useCase, Func<AppHost, Task<T>> arrange, Func<AppHost, ClaimsPrincipal, T, Task> act, bool hidden = false)
        where T : notnull => new(name, useCase)
        {
            ArrangeAsync = async h => await arrange(h),
            ActAsync = (h, _, p, s) => act(h, p, (T)s),
            HiddenWhenRefused = hidden,
        };

    public static PermissionProbe Reads(string name, UseCase useCase, Func<AppHost, ClaimsPrincipal, Task> act) =>
        Reads(name, useCase, _ => Task.FromResult(0), (h, p, _) => act(h, p));

    public static PermissionProbe Saves<T>(string name, UseCase useCase, Func<AppHost, Task<T>> arrange, Func<AppHost, ClaimsPrincipal, T, Task> act, bool hidden = false)
        where T : notnull => new(name, useCase)
        {
            ArrangeAsync = async h => await arrange(h),
            ActAsync = (h, _, p, s) => act(h, p, (T)s),
            HiddenWhenRefused = hidden,
            Writes = true,
        };

    public static PermissionProbe Saves(string name, UseCase useCase, Func<AppHost, ClaimsPrincipal, Task> act) =>
        Saves(name, useCase, _ => Task.FromResult(0), (h, p, _) => act(h, p));

    public PermissionProbe On(Func<DemoCaller, int?> targetRegion) => new(Name, UseCase)
    {
        Writes = Writes, HiddenWhenRefused = HiddenWhenRefused, ArrangeAsync = ArrangeAsync, ActAsync = ActAsync, ExtraStateAsync = ExtraStateAsync, TargetRegion = targetRegion,
    };

    public PermissionProbe Also(Func<AppHost, Task<string>> extraState) => new(Name, UseCase)
    {
        Writes = Writes, HiddenWhenRefused = HiddenWhenRefused, ArrangeAsync = ArrangeAsync, ActAsync = ActAsync, ExtraStateAsync = extraState, TargetRegion = TargetRegion,
    };

    /// <summary>A call that needs the caller's account itself (signing in over HTTP for the hub).</summary>
    public static PermissionProbe AsCaller(string name, UseCase useCase, Func<AppHost, DemoCaller, Task> act) => new(name, useCase)
    {
        ActAsync = (h, c, _, _) => act(h, c),
    };
}

/// <summary>The probes: at least one per use case, each calling the real service (or hub) that enforces it.</summary>
public static class PermissionProbes
{
    private const int Tta = 1;

    public static readonly IReadOnlyList<PermissionProbe> All =
    [
        // Reading the workspace: a region's dashboard, a body of Rabat-Salé-Kénitra.
        PermissionProbe.Reads("ReadWorkspace: region dashboard", UseCase.ReadWorkspace, async (h, p) => await h.Get<RegionsService>().GetDashboardAsync(p, Rsk)),
        PermissionProbe.Reads("ReadWorkspace: body", UseCase.ReadWorkspace, h => h.BodyIdAsync("RSK", BodyKind.Youth), async (h, p, id) => await h.Get<BodiesService>().GetAsync(p, id)),

        // Bodies of Rabat-Salé-Kénitra: add a member, change a member, record a meeting.
        PermissionProbe.Saves("EditBodies: add member", UseCase.EditBodies, h => h.BodyIdAsync("RSK", BodyKind.Youth),
            async (h, p, bodyId) => await h.Get<BodiesService>().AddMemberAsync(p, bodyId, Member("Salma Bennani"))),
        PermissionProbe.Saves("EditBodies: update member", UseCase.EditBodies, MemberOfRskAsync,
            async (h, p, m) => await h.Get<BodiesService>().UpdateMemberAsync(p, m.Id, Member("Salma Bennani " + Guid.NewGuid().ToString("N")[..6], m.Version))),
        PermissionProbe.Saves("EditBodies: add meeting", UseCase.EditBodies, h => h.BodyIdAsync("RSK", BodyKind.EquityAndGender),
            async (h, p, bodyId) => await h.Get<BodiesService>().AddMeetingAsync(p, bodyId, new MeetingInput { Date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20), Agenda = "1. Programme annuel" })),

        PermissionProbe.Saves("EditRegionSettings: petition threshold", UseCase.EditRegionSettings, async (h, p) =>
        {
            var region = await h.Get<RegionsService>().GetAsync(p, "RSK");
            await h.Get<RegionsService>().UpdateSettingsAsync(p, Rsk, new RegionSettingsInput
            {
                NameFr = region.NameFr, NameAr = region.NameAr, Population = region.Population, PopulationYear = region.PopulationYear,
                PetitionSignatures = region.PetitionSignatures == 500 ? 400 : 500, PetitionProvinceSharePercent = region.PetitionProvinceSharePercent, Version = region.Version,
            });
        }),

        PermissionProbe.Saves("ManageAccounts: create account", UseCase.ManageAccounts, async (h, p) => await h.Get<AccountsService>().CreateAsync(p, new AccountInput
        {
            Email = $"compte.{Guid.NewGuid().ToString("N")[..10]}@demo.ma", DisplayName = "Nouveau compte", Role = WorkspaceRole.Leadership, Password = "Strong-Pass-1",
        })),
        PermissionProbe.Reads("ManageAccounts: list accounts", UseCase.ManageAccounts, async (h, p) => await h.Get<AccountsService>().ListAsync(p, null, 0, 10)),

        PermissionProbe.Reads("CompareRegions: side by side", UseCase.CompareRegions, async (h, p) => await h.Get<RegionsService>().CompareAsync(p)),
        PermissionProbe.Reads("FollowConvention: figures", UseCase.FollowConvention, async (h, p) => await h.Get<ConventionFiguresService>().ComputeAsync(p, "2026")),

        // The hub is the service of live following: an officer joins only their own region's feed.
        PermissionProbe.AsCaller("FollowRegionLive: hub JoinRegion RSK", UseCase.FollowRegionLive, async (h, c) =>
        {
            await using var client = await HubClient.ConnectAsync(h.BaseUrl, c.Email);
            await InvokeHubAsync(() => client.Connection.InvokeAsync<RegionFeed>(nameof(WorkspaceHub.JoinRegion), "RSK"));
        }),
        PermissionProbe.AsCaller("FollowRegionLive: hub JoinAllRegions", UseCase.FollowRegionLive, async (h, c) =>
        {
            await using var client = await HubClient.ConnectAsync(h.BaseUrl, c.Email);
            await InvokeHubAsync(() => client.Connection.InvokeAsync(nameof(WorkspaceHub.JoinAllRegions)));
        }).On(_ => null),

        PermissionProbe.Reads("ExportDocuments: region summary", UseCase.ExportDocuments, async (h, p) => await h.Get<RegionReportService>().BuildAsync(p, "RSK", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))),

        PermissionProbe.Reads("ReadPractices: published practice", UseCase.ReadPractices, h => PublishedPracticeAsync(h, Rsk), async (h, p, id) => await h.Get<PracticesService>().GetAsync(p, id)),
        PermissionProbe.Reads("ReadPractices: search", UseCase.ReadPractices, async (h, p) => await h.Get<PracticesService>().SearchAsync(p, new PracticeQuery())),

        PermissionProbe.Saves("EditPractices: create", UseCase.EditPractices, async (h, p) => await h.Get<PracticesService>().CreateAsync(p, Rsk, PracticeFixtures.Input("Budget participatif des jeunes"))),
        PermissionProbe.Saves("EditPractices: update", UseCase.EditPractices, h => PublishedPracticeAsync(h, Rsk), async (h, p, id) =>
        {
            var input = PracticeFixtures.Input("Budget participatif révisé " + Guid.NewGuid().ToString("N")[..6]);
            input.Version = await PracticeVersionAsync(h, id);
            await h.Get<PracticesService>().UpdateAsync(p, id, input);
        }),
        PermissionProbe.Saves("EditPractices: attach a file", UseCase.EditPractices, h => PublishedPracticeAsync(h, Rsk), async (h, p, id) =>
            await h.Get<PracticeAttachmentsService>().UploadAsync(p, id, "compte-rendu.pdf", new MemoryStream(StudyMeetingFixtures.PdfBytes())))
            .Also(FilesAsync),

        PermissionProbe.Saves("CommentPractices: comment", UseCase.CommentPractices, h => PublishedPracticeAsync(h, Rsk),
            async (h, p, id) => await h.Get<PracticesService>().AddCommentAsync(p, id, "Nous aimerions en savoir plus sur le calendrier.")),

        // Adopting is said on behalf of the caller's region, of another region's practice (Tanger-Tétouan-Al Hoceïma here).
        PermissionProbe.Saves("AdoptPractices: adopt", UseCase.AdoptPractices, h => PublishedPracticeAsync(h, Tta),
            async (h, p, id) => await h.Get<PracticesService>().AdoptAsync(p, id, "Adoptée par notre conseil.")).On(c => c.RegionId),

        PermissionProbe.Saves("ManageTrainings: create programme", UseCase.ManageTrainings, async (h, p) => await h.Get<TrainingsService>().CreateProgrammeAsync(p, TrainingFixtures.Programme())),
        PermissionProbe.Saves("ManageTrainings: create session", UseCase.ManageTrainings, ProgrammeAsync,
            async (h, p, programmeId) => await h.Get<TrainingsService>().CreateSessionAsync(p, programmeId, await TrainingFixtures.SessionAsync(h, DateTime.Today.AddDays(40)))),

        PermissionProbe.Saves("RegisterParticipants: register someone of RSK", UseCase.RegisterParticipants,
            h => TrainingFixtures.CreateSessionAsync(h, DateTime.Today.AddDays(30)),
            async (h, p, sessionId) => await h.Get<RegistrationsService>().RegisterNewAsync(p, sessionId, TrainingFixtures.Person("Nadia Cherkaoui " + Guid.NewGuid().ToString("N")[..6]))),
        PermissionProbe.Saves("RegisterParticipants: cancel a registration of RSK", UseCase.RegisterParticipants, RegistrationOfRskAsync,
            async (h, p, registrationId) => await h.Get<RegistrationsService>().CancelAsync(p, registrationId)),

        PermissionProbe.Saves("TakeAttendance: walk-in", UseCase.TakeAttendance, h => TrainingFixtures.CreateSessionRunningNowAsync(h),
            async (h, p, sessionId) => await h.Get<AttendanceService>().AddWalkInAsync(p, sessionId, TrainingFixtures.Person("Youssef Idrissi " + Guid.NewGuid().ToString("N")[..6]))),
        PermissionProbe.Saves("TakeAttendance: mark present", UseCase.TakeAttendance, RegisteredNowAsync,
            async (h, p, s) => await h.Get<AttendanceService>().MarkAsync(p, s.SessionId, s.ParticipantId, AttendanceStatus.Present)),

        PermissionProbe.Reads("ReadCeseEngagement: study request concerning RSK", UseCase.ReadCeseEngagement, h => StudyFixtures.FileAsync(h),
            async (h, p, id) => await h.Get<StudyRequestsService>().GetAsync(p, id), hidden: true),
        PermissionProbe.Reads("ReadCeseEngagement: listening session inviting RSK", UseCase.ReadCeseEngagement, h => ListeningFixtures.OrganiseAsync(h, DateTime.Today.AddDays(15)),
            async (h, p, id) => await h.Get<ListeningSessionsService>().GetAsync(p, id), hidden: true),
        PermissionProbe.Reads("ReadCeseEngagement: study meeting in RSK", UseCase.ReadCeseEngagement, h => StudyMeetingFixtures.ScheduleAsync(h, DateTime.Today.AddDays(15)),
            async (h, p, id) => await h.Get<StudyMeetingsService>().GetAsync(p, id), hidden: true),

        PermissionProbe.Saves("FileStudyRequests: file", UseCase.FileStudyRequests, async (h, p) =>
            await h.Get<StudyRequestsService>().FileAsync(p, StudyFixtures.Input("Demande " + Guid.NewGuid().ToString("N")[..8]))),
        PermissionProbe.Saves("DecideStudyRequests: start review", UseCase.DecideStudyRequests, h => StudyFixtures.FileAsync(h),
            async (h, p, id) => await h.Get<StudyRequestsService>().StartReviewAsync(p, id, (await StudyFixtures.SnapshotAsync(h, id)).Version), hidden: true),
        PermissionProbe.Saves("ManagePublications: create", UseCase.ManagePublications, async (h, p) =>
            await h.Get<PublicationsService>().CreateAsync(p, StudyMeetingFixtures.Publication("Avis " + Guid.NewGuid().ToString("N")[..8]))),
        PermissionProbe.Saves("RunCeseSessions: organise listening session", UseCase.RunCeseSessions, async (h, p) =>
            await h.Get<ListeningSessionsService>().OrganiseAsync(p, await ListeningFixtures.InputAsync(h, DateTime.Today.AddDays(20)))),
        PermissionProbe.Saves("RunCeseSessions: schedule study meeting", UseCase.RunCeseSessions, h => StudyMeetingFixtures.CreatePublicationAsync(h, approved: true),
            async (h, p, publicationId) => await h.Get<StudyMeetingsService>().ScheduleAsync(p, StudyMeetingFixtures.Meeting(publicationId, DateTime.Today.AddDays(25)))),

        PermissionProbe.Saves("ContributeToListening: contribute for RSK", UseCase.ContributeToListening, ListeningFixtures.OrganiseRunningNowAsync,
            async (h, p, sessionId) => await h.Get<ContributionsService>().ContributeAsync(p, sessionId, new ContributionInput { Text = "Nos jeunes demandent des espaces de dialogue." }, []),
            hidden: true),

        PermissionProbe.Saves("UpdateFollowUpActions: action owned by RSK", UseCase.UpdateFollowUpActions, FollowUpActionOfRskAsync,
            async (h, p, a) => await h.Get<StudyMeetingsService>().SetActionStatusAsync(p, a.Id, FollowUpStatus.Done, a.Version)),

        PermissionProbe.Saves("ManageSupportActions: create in RSK", UseCase.ManageSupportActions, async (h, p) =>
            await h.Get<SupportActionsService>().CreateAsync(p, SupportActionFixtures.Input(h, Rsk))),
        PermissionProbe.Saves("ManageSupportActions: update in RSK", UseCase.ManageSupportActions, h => SupportActionFixtures.CreateAsync(h), async (h, p, id) =>
        {
            var input = SupportActionFixtures.Input(h, Rsk, "Atelier révisé " + Guid.NewGuid().ToString("N")[..6]);
            input.Version = await SupportActionVersionAsync(h, id);
            await h.Get<SupportActionsService>().UpdateAsync(p, id, input);
        }),

        PermissionProbe.Saves("ManageBackups: create", UseCase.ManageBackups, async (h, p) => await h.Get<BackupService>().CreateAsync(p)).Also(BackupFilesAsync),
        PermissionProbe.Reads("ManageBackups: list", UseCase.ManageBackups, async (h, p) => await h.Get<BackupService>().ListAsync(p)),

        PermissionProbe.Reads("ReviewAuditTrail: verify", UseCase.ReviewAuditTrail, async (h, p) => await h.Get<AuditService>().VerifyAsync(p)),
        PermissionProbe.Reads("ReviewAuditTrail: list", UseCase.ReviewAuditTrail, async (h, p) => await h.Get<AuditService>().ListAsync(p, new AuditFilter(), 0, 10)),
    ];

    public static PermissionProbe Named(string name) => All.Single(p => p.Name == name);

    /// <summary>Hub refusals arrive as <see cref="HubException"/>; the matrix counts them as refusals like the services'.</summary>
    private static async Task InvokeHubAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (HubException ex)
        {
            throw new AccessDeniedException(ex.Message);
        }
    }

    private static MemberInput Member(string name, int version = 0) => new()
    {
        FullName = name, SeatType = SeatType.CivilSociety, Gender = Gender.Female, MandateStart = new DateOnly(2026, 1, 1), Version = version,
    };

    private static async Task<(int Id, int Version)> MemberOfRskAsync(AppHost host)
    {
        var admin = await host.PrincipalAsync("admin@demo.ma");
        var id = await host.Get<BodiesService>().AddMemberAsync(admin, await host.BodyIdAsync("RSK", BodyKind.EconomicActors), Member("Omar Fassi"));
        await using var db = await host.CreateDbContextAsync();
        return (id, await db.BodyMembers.Where(m => m.Id == id).Select(m => m.Version).SingleAsync());
    }

    /// <summary>A new practice of <paramref name="regionId"/>, published by the administrator.</summary>
    private static async Task<int> PublishedPracticeAsync(AppHost host, int regionId)
    {
        var practices = host.Get<PracticesService>();
        var admin = await host.PrincipalAsync("admin@demo.ma");
        var id = await practices.CreateAsync(admin, regionId, PracticeFixtures.Input("Conseil des jeunes " + Guid.NewGuid().ToString("N")[..8]));
        await practices.SetStatusAsync(admin, id, PracticeStatus.Published, await PracticeVersionAsync(host, id));
        return id;
    }

    private static async Task<int> PracticeVersionAsync(AppHost host, int id)
    {
        await using var db = await host.CreateDbContextAsync();
        return await db.Practices.Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
    }

    private static async Task<int> SupportActionVersionAsync(AppHost host, int id)
    {
        await using var db = await host.CreateDbContextAsync();
        return await db.SupportActions.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
    }

    private static async Task<int> ProgrammeAsync(AppHost host) =>
        await host.Get<TrainingsService>().CreateProgrammeAsync(await host.PrincipalAsync("arm@demo.ma"), TrainingFixtures.Programme());

    private static async Task<int> RegistrationOfRskAsync(AppHost host)
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(host, DateTime.Today.AddDays(30));
        var participantId = await TrainingFixtures.RegisterAsync(host, sessionId, TrainingFixtures.Person("Imane Berrada " + Guid.NewGuid().ToString("N")[..6]));
        await using var db = await host.CreateDbContextAsync();
        return await db.Registrations.Where(r => r.SessionId == sessionId && r.ParticipantId == participantId).Select(r => r.Id).SingleAsync();
    }

    private static async Task<(int SessionId, int ParticipantId)> RegisteredNowAsync(AppHost host)
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(host);
        return (sessionId, await TrainingFixtures.RegisterAsync(host, sessionId, TrainingFixtures.Person("Hind Lahlou " + Guid.NewGuid().ToString("N")[..6])));
    }

    private static async Task<(int Id, int Version)> FollowUpActionOfRskAsync(AppHost host)
    {
        // Both regions are invited: the Souss-Massa officer sees the meeting, and must still not move an action Rabat-Salé-Kénitra owns.
        var meetingId = await StudyMeetingFixtures.ScheduleAsync(host, DateTime.Today.AddDays(-3), Rsk, Sm);
        var id = await host.Get<StudyMeetingsService>().AddActionAsync(await host.PrincipalAsync("cese@demo.ma"), meetingId, new FollowUpInput
        {
            Description = "Transmettre les recommandations à la commission du conseil.", Owner = "Conseil régional", RegionId = Rsk, DueOn = DateTime.Today.AddDays(30),
        });
        await using var db = await host.CreateDbContextAsync();
        return (id, await db.FollowUpActions.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
    }

    private static Task<string> FilesAsync(AppHost host) => Task.FromResult(FolderState(Path.Combine(host.DataDirectory, "attachments")));

    private static Task<string> BackupFilesAsync(AppHost host) => Task.FromResult(FolderState(Path.Combine(host.DataDirectory, "backups")));

    private static string FolderState(string folder) =>
        Directory.Exists(folder) ? string.Join("|", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)) : "";
}
