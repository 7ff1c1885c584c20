using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Backups;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Features.ListeningSessions;
using RegionalWorkspace.Tests.Features.Practices;
using RegionalWorkspace.Tests.Features.Studies;
using RegionalWorkspace.Tests.Features.StudyMeetings;
using RegionalWorkspace.Tests.Features.SupportActions;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Accounts;

/// <summary>
/// One app with a record of each kind in Rabat-Salé-Kénitra (and the records only some may see: a draft practice, a
/// publication the General Assembly has not approved), every demo account signed in once, and the texts of every
/// refusal the pages may show. Each record's title is unique: a page that shows it has let the caller read the record.
/// </summary>
public sealed class PermissionsHttpWorld : IAsyncLifetime
{
    private readonly Dictionary<string, CookieContainer> _cookies = [];

    public AppHost Host { get; private set; } = default!;

    public int BodyId { get; private set; }

    public string BodyName { get; private set; } = "";

    public int PublishedPracticeId { get; private set; }

    public string PublishedPracticeTitle { get; } = "Pratique publiée " + Tag();

    public int PublishedAttachmentId { get; private set; }

    public int DraftPracticeId { get; private set; }

    public string DraftPracticeTitle { get; } = "Pratique en brouillon " + Tag();

    public int DraftAttachmentId { get; private set; }

    /// <summary>Images, which the <c>/view</c> address shows inline.</summary>
    public int PublishedImageId { get; private set; }

    public int DraftImageId { get; private set; }

    public int SessionId { get; private set; }

    public string ProgrammeTitle { get; } = "Programme " + Tag();

    public int StudyRequestId { get; private set; }

    public string StudyRequestTitle { get; } = "Demande d'étude " + Tag();

    public int StudyAttachmentId { get; private set; }

    public int ApprovedPublicationId { get; private set; }

    public string ApprovedPublicationTitle { get; } = "Avis approuvé " + Tag();

    public int UnapprovedPublicationId { get; private set; }

    public string UnapprovedPublicationTitle { get; } = "Avis en préparation " + Tag();

    public int ListeningSessionId { get; private set; }

    public string ListeningTopic { get; } = "Écoute des conseils " + Tag();

    public int ContributionFileId { get; private set; }

    public int StudyMeetingId { get; private set; }

    public string StudyMeetingPlace { get; } = "Salle " + Tag();

    public int SupportActionId { get; private set; }

    public string SupportActionTitle { get; } = "Atelier d'appui " + Tag();

    public string BackupName { get; private set; } = "";

    /// <summary>Every refusal text a page may show (French, the default language), to tell a refusal from an empty page.</summary>
    public IReadOnlyList<string> RefusalTexts { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("rw-permissions-http-").FullName;
        Host = await AppHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Attachments:Path"] = Path.Combine(dataDirectory, "attachments"),
            ["Backups:Path"] = Path.Combine(dataDirectory, "backups"),
        }, dataDirectory);
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var cese = await Host.PrincipalAsync("cese@demo.ma");
        var arm = await Host.PrincipalAsync("arm@demo.ma");
        var pdf = StudyMeetingFixtures.PdfBytes();

        BodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        await using (var db = await Host.CreateDbContextAsync())
        {
            BodyName = await db.Bodies.Where(b => b.Id == BodyId).Select(b => b.NameFr).SingleAsync();
        }

        var practices = Host.Get<PracticesService>();
        var attachments = Host.Get<PracticeAttachmentsService>();
        PublishedPracticeId = await practices.CreateAsync(admin, PermissionsMatrix.Rsk, PracticeFixtures.Input(PublishedPracticeTitle));
        await practices.SetStatusAsync(admin, PublishedPracticeId, PracticeStatus.Published, (await practices.GetAsync(admin, PublishedPracticeId)).Version);
        PublishedAttachmentId = (await attachments.UploadAsync(admin, PublishedPracticeId, "publiee.pdf", new MemoryStream(pdf))).Id;
        DraftPracticeId = await practices.CreateAsync(admin, PermissionsMatrix.Rsk, PracticeFixtures.Input(DraftPracticeTitle));
        DraftAttachmentId = (await attachments.UploadAsync(admin, DraftPracticeId, "brouillon.pdf", new MemoryStream(pdf))).Id;
        PublishedImageId = (await attachments.UploadAsync(admin, PublishedPracticeId, "photo.png", new MemoryStream(StudyMeetingFixtures.Png()))).Id;
        DraftImageId = (await attachments.UploadAsync(admin, DraftPracticeId, "photo.png", new MemoryStream(StudyMeetingFixtures.Png()))).Id;

        // A session running now in RSK, given by trainer@demo.ma, with one participant present (certificates can be issued).
        var trainings = Host.Get<TrainingsService>();
        var programmeId = await trainings.CreateProgrammeAsync(arm, TrainingFixtures.Programme(ProgrammeTitle));
        SessionId = await trainings.CreateSessionAsync(arm, programmeId, await TrainingFixtures.SessionAsync(Host, Host.Get<WorkspaceTime>().Now.AddMinutes(-5)));
        var participantId = await TrainingFixtures.RegisterAsync(Host, SessionId, TrainingFixtures.Person("Fatima Zahra Amrani"));
        await Host.Get<AttendanceService>().MarkAsync(await Host.PrincipalAsync("trainer@demo.ma"), SessionId, participantId, AttendanceStatus.Present);

        StudyRequestId = await StudyFixtures.FileAsync(Host, StudyFixtures.Arm, StudyFixtures.Input(StudyRequestTitle, PermissionsMatrix.Rsk));
        StudyAttachmentId = (await Host.Get<StudyRequestsService>().UploadAsync(arm, StudyRequestId, "note.pdf", new MemoryStream(pdf))).Id;

        var publications = Host.Get<PublicationsService>();
        ApprovedPublicationId = await StudyMeetingFixtures.CreatePublicationAsync(Host, approved: true, ApprovedPublicationTitle);
        await publications.UploadDocumentAsync(cese, ApprovedPublicationId, "avis.pdf", new MemoryStream(pdf));
        UnapprovedPublicationId = await StudyMeetingFixtures.CreatePublicationAsync(Host, approved: false, UnapprovedPublicationTitle);
        await publications.UploadDocumentAsync(cese, UnapprovedPublicationId, "projet.pdf", new MemoryStream(pdf));

        var listening = await ListeningFixtures.InputAsync(Host, Host.Get<WorkspaceTime>().Now.AddMinutes(-10));
        listening.Topic = ListeningTopic;
        ListeningSessionId = await Host.Get<ListeningSessionsService>().OrganiseAsync(cese, listening);
        var contributionId = await ListeningFixtures.ContributeAsync(Host, ListeningSessionId, "Nos propositions pour l'emploi des jeunes.", files: ("propositions.pdf", pdf));
        await using (var db = await Host.CreateDbContextAsync())
        {
            ContributionFileId = await db.ContributionAttachments.Where(a => a.ContributionId == contributionId).Select(a => a.Id).SingleAsync();
        }

        var meeting = StudyMeetingFixtures.Meeting(ApprovedPublicationId, Host.Get<WorkspaceTime>().Now.AddDays(12), PermissionsMatrix.Rsk);
        meeting.Place = StudyMeetingPlace;
        StudyMeetingId = await Host.Get<StudyMeetingsService>().ScheduleAsync(cese, meeting);

        SupportActionId = await SupportActionFixtures.CreateAsync(Host, SupportActionFixtures.Input(Host, PermissionsMatrix.Rsk, SupportActionTitle));
        BackupName = (await Host.Get<BackupService>().CreateAsync(admin)).Name;

        RefusalTexts = RefusalTextsOf(Host.Services.GetRequiredService<IStringLocalizer<Strings>>());
        foreach (var caller in PermissionsMatrix.Callers)
        {
            _cookies[caller.Email] = await HubClient.SignInAsync(Host.BaseUrl, caller.Email);
        }
    }

    /// <summary>A client of <paramref name="caller"/> (anonymous when null), with its own copy of the account's cookies.</summary>
    public HttpClient Client(DemoCaller? caller)
    {
        var cookies = new CookieContainer();
        if (caller is not null)
        {
            cookies.Add(_cookies[caller.Email].GetAllCookies());
        }

        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private static IReadOnlyList<string> RefusalTextsOf(IStringLocalizer<Strings> l)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
            return l.GetAllStrings(includeParentCultures: true)
                .Where(s => (s.Name.StartsWith("Error.", StringComparison.Ordinal) && s.Name.Contains("NotFound", StringComparison.Ordinal))
                    || s.Name.EndsWith(".Forbidden", StringComparison.Ordinal) || s.Name is "Error.OtherRegion" or "Error.NotYourSession")
                .Select(s => s.Value).Distinct().ToList();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];
}
