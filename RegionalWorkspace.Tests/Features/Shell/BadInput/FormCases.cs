using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Activity;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Notifications;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Features.ListeningSessions;
using RegionalWorkspace.Tests.Features.Practices;
using RegionalWorkspace.Tests.Features.Studies;
using RegionalWorkspace.Tests.Features.StudyMeetings;
using RegionalWorkspace.Tests.Features.SupportActions;
using RegionalWorkspace.Tests.Features.Trainings;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// Every service method a form (or a list's filters) calls, with a valid input to spoil. Methods whose parameters are
/// scalars get a small model named after the service's field names (<see cref="CommentArgs"/>…), so the same
/// generated table probes them.
/// </summary>
public static class FormCases
{
    private const string Admin = "admin@demo.ma";
    private const string Cese = "cese@demo.ma";
    private const string Arm = "arm@demo.ma";
    private const string Trainer = "trainer@demo.ma";
    private const string RskOfficer = "officer.rsk@demo.ma";
    private const string SmOfficer = "officer.sm@demo.ma";
    private const int Rsk = 4;

    /// <summary>A creation has no version yet: the form sends 0 and the service ignores it.</summary>
    private static readonly HashSet<string> Creating = ["Version"];

    public static readonly IReadOnlyList<FormCase> All = [.. Writes(), .. Queries()];

    public static FormCase Named(string name) => All.Single(c => c.Name == name);

    private static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..8]}";

    private static DateTime Now(BadInputFixture f) => f.Get<WorkspaceTime>().Now;

    private static DateOnly Today(BadInputFixture f) => DateOnly.FromDateTime(Now(f));

    private static IEnumerable<FormCase> Writes()
    {
        // Practices
        yield return FormCase.For<PracticesService, PracticeInput>(nameof(PracticesService.CreateAsync), RskOfficer,
            (_, _) => Task.FromResult(PracticeFixtures.Input(Unique("Conseil des jeunes"), tags: "jeunesse, budget")),
            (s, p, _, i) => s.CreateAsync(p, Rsk, i)) with
        {
            Skip = Creating,
            Extra = (f, _) => [OtherRegionBody(f, nameof(PracticeInput.BodyId), (i, id) => ((PracticeInput)i).BodyId = id)],
        };
        yield return FormCase.For<PracticesService, PracticeInput>(nameof(PracticesService.UpdateAsync), RskOfficer,
            async (f, id) =>
            {
                var input = PracticeFixtures.Input(Unique("Conseil des jeunes"), tags: "jeunesse");
                input.Version = await f.VersionAsync<Practice>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateAsync(p, id, i), NewPracticeAsync);
        yield return FormCase.For<PracticesService, StatusArgs<PracticeStatus>>(nameof(PracticesService.SetStatusAsync), RskOfficer,
            async (f, id) => new StatusArgs<PracticeStatus> { Status = PracticeStatus.Published, Version = await f.VersionAsync<Practice>(id) },
            (s, p, id, i) => s.SetStatusAsync(p, id, i.Status, i.Version), NewPracticeAsync);
        yield return FormCase.For<PracticesService, RestoreArgs>(nameof(PracticesService.RestoreVersionAsync), RskOfficer,
            async (f, id) => new RestoreArgs { Number = 1, Version = await f.VersionAsync<Practice>(id) },
            (s, p, id, i) => s.RestoreVersionAsync(p, id, i.Number, i.Version), NewPracticeAsync);
        yield return FormCase.For<PracticesService, CommentArgs>(nameof(PracticesService.AddCommentAsync), Cese,
            (_, _) => Task.FromResult(new CommentArgs { Comment = "Une démarche à partager avec Souss-Massa." }),
            (s, p, id, i) => s.AddCommentAsync(p, id, i.Comment), PublishedPracticeAsync);
        yield return FormCase.For<PracticesService, NoteArgs>(nameof(PracticesService.AdoptAsync), SmOfficer,
            (_, _) => Task.FromResult(new NoteArgs { Note = "Reprise à Agadir en 2026." }),
            (s, p, id, i) => s.AdoptAsync(p, id, i.Note), PublishedPracticeAsync);

        // Bodies, their members and meetings (region 4's officer)
        yield return FormCase.For<BodiesService, BodyInput>(nameof(BodiesService.CreateAsync), RskOfficer,
            (_, _) => Task.FromResult(new BodyInput { Kind = BodyKind.DialogueMechanism, NameFr = Unique("Mécanisme de dialogue"), NameAr = "هيئة الشباب", Status = BodyStatus.Active }),
            (s, p, _, i) => s.CreateAsync(p, Rsk, i)) with { Skip = Creating };
        yield return FormCase.For<BodiesService, BodyInput>(nameof(BodiesService.UpdateAsync), RskOfficer,
            async (f, id) => BodyInput.From(await f.Get<BodiesService>().GetAsync(await f.PrincipalAsync(RskOfficer), id)),
            (s, p, id, i) => s.UpdateAsync(p, id, i), RskBodyAsync);
        yield return FormCase.For<BodiesService, MemberInput>(nameof(BodiesService.AddMemberAsync), RskOfficer,
            (f, _) => Task.FromResult(Member(f)),
            (s, p, id, i) => s.AddMemberAsync(p, id, i), RskBodyAsync) with
        {
            Skip = Creating,
            Extra = (f, _) => [new(nameof(MemberInput.MandateEnd), "before the mandate's start", i => ((MemberInput)i).MandateEnd = Today(f).AddYears(-3), Expect.FieldError)],
        };
        yield return FormCase.For<BodiesService, MemberInput>(nameof(BodiesService.UpdateMemberAsync), RskOfficer,
            async (f, id) =>
            {
                var input = Member(f);
                input.Version = await f.VersionAsync<BodyMember>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateMemberAsync(p, id, i),
            async f => await f.Get<BodiesService>().AddMemberAsync(await f.PrincipalAsync(RskOfficer), await RskBodyAsync(f), Member(f)));
        yield return FormCase.For<BodiesService, MeetingInput>(nameof(BodiesService.AddMeetingAsync), RskOfficer,
            (f, _) => Task.FromResult(Meeting(f)),
            (s, p, id, i) => s.AddMeetingAsync(p, id, i), RskBodyAsync) with
        {
            Skip = Creating,
            Extra = (f, _) => [new(nameof(MeetingInput.Status), "held, in the future", i => { ((MeetingInput)i).Status = MeetingStatus.Held; ((MeetingInput)i).Date = Today(f).AddDays(30); }, Expect.FieldError)],
        };
        yield return FormCase.For<BodiesService, MeetingInput>(nameof(BodiesService.UpdateMeetingAsync), RskOfficer,
            async (f, id) =>
            {
                var input = Meeting(f);
                input.Version = await f.VersionAsync<BodyMeeting>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateMeetingAsync(p, id, i),
            async f => await f.Get<BodiesService>().AddMeetingAsync(await f.PrincipalAsync(RskOfficer), await RskBodyAsync(f), Meeting(f)));

        // Regions
        yield return FormCase.For<RegionsService, RegionSettingsInput>(nameof(RegionsService.UpdateSettingsAsync), Admin,
            async (f, _) =>
            {
                await using var db = await f.Host.CreateDbContextAsync();
                var r = await db.Regions.AsNoTracking().SingleAsync(r => r.Id == Rsk);
                return new RegionSettingsInput
                {
                    NameFr = r.NameFr, NameAr = r.NameAr, Population = r.Population, PopulationYear = r.PopulationYear,
                    PetitionSignatures = r.PetitionSignatures, PetitionProvinceSharePercent = r.PetitionProvinceSharePercent, Version = r.Version,
                };
            },
            (s, p, _, i) => s.UpdateSettingsAsync(p, Rsk, i));

        // Support actions (ARM)
        yield return FormCase.For<SupportActionsService, SupportActionInput>(nameof(SupportActionsService.CreateAsync), Arm,
            (f, _) => Task.FromResult(SupportAction(f)),
            (s, p, _, i) => s.CreateAsync(p, i)) with
        {
            Skip = Creating,
            Extra = (f, _) =>
            [
                new(nameof(SupportActionInput.EndsOn), "before the start", i => ((SupportActionInput)i).EndsOn = Today(f).AddDays(1), Expect.FieldError),
                OtherRegionBody(f, nameof(SupportActionInput.BodyIds), (i, id) => ((SupportActionInput)i).BodyIds = [id]),
            ],
        };
        yield return FormCase.For<SupportActionsService, SupportActionInput>(nameof(SupportActionsService.UpdateAsync), Arm,
            async (f, id) =>
            {
                var input = SupportAction(f);
                input.Version = await f.VersionAsync<SupportAction>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateAsync(p, id, i),
            async f => await f.Get<SupportActionsService>().CreateAsync(await f.PrincipalAsync(Arm), SupportAction(f)));
        yield return FormCase.For<SupportActionsService, SupportStatusInput>(nameof(SupportActionsService.SetStatusAsync), Arm,
            async (f, id) => new SupportStatusInput { Status = SupportStatus.Completed, Outcome = "Quarante participants, une charte adoptée.", Version = await f.VersionAsync<SupportAction>(id) },
            (s, p, id, i) => s.SetStatusAsync(p, id, i), f => SupportActionFixtures.InProgressAsync(f.Host));

        // Study requests: filed by ARM, decided by CESE staff
        yield return FormCase.For<StudyRequestsService, StudyRequestInput>(nameof(StudyRequestsService.FileAsync), Arm,
            (_, _) => Task.FromResult(StudyFixtures.Input(Unique("Attractivité des territoires"))),
            (s, p, _, i) => s.FileAsync(p, i)) with
        {
            Skip = Creating,
            Extra = (f, _) => [new(nameof(StudyRequestInput.DesiredBy), "in the past", i => ((StudyRequestInput)i).DesiredBy = Today(f).AddDays(-3), Expect.FieldError)],
        };
        yield return FormCase.For<StudyRequestsService, StudyRequestInput>(nameof(StudyRequestsService.UpdateAsync), Arm,
            async (f, id) =>
            {
                var input = StudyFixtures.Input(Unique("Attractivité des territoires"));
                input.Version = await f.VersionAsync<StudyRequest>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateAsync(p, id, i), f => StudyFixtures.FileAsync(f.Host));
        yield return FormCase.For<StudyRequestsService, AcceptInput>(nameof(StudyRequestsService.AcceptAsync), Cese,
            async (f, id) => new AcceptInput { Commission = CeseCommission.SocialAffairsAndSolidarity, Rapporteur = "Amina Tazi", Note = "Priorité de l'année.", Version = await f.VersionAsync<StudyRequest>(id) },
            (s, p, id, i) => s.AcceptAsync(p, id, i), f => StudyFixtures.InStatusAsync(f.Host, StudyRequestStatus.UnderReview));
        yield return FormCase.For<StudyRequestsService, DeclineInput>(nameof(StudyRequestsService.DeclineAsync), Cese,
            async (f, id) => new DeclineInput { Reason = "Déjà traité par un avis récent.", Version = await f.VersionAsync<StudyRequest>(id) },
            (s, p, id, i) => s.DeclineAsync(p, id, i), f => StudyFixtures.InStatusAsync(f.Host, StudyRequestStatus.UnderReview));
        yield return FormCase.For<StudyRequestsService, StartInput>(nameof(StudyRequestsService.StartAsync), Cese,
            async (f, id) => new StartInput { Milestones = [new MilestoneInput { Title = "Auditions", DueOn = Today(f).AddMonths(3) }], Version = await f.VersionAsync<StudyRequest>(id) },
            (s, p, id, i) => s.StartAsync(p, id, i), f => StudyFixtures.InStatusAsync(f.Host, StudyRequestStatus.Accepted));
        yield return FormCase.For<StudyRequestsService, AdoptInput>(nameof(StudyRequestsService.AdoptAsync), Cese,
            async (f, id) => new AdoptInput { SessionNumber = 160, Date = Today(f).AddDays(-1), Version = await f.VersionAsync<StudyRequest>(id) },
            (s, p, id, i) => s.AdoptAsync(p, id, i), f => StudyFixtures.InStatusAsync(f.Host, StudyRequestStatus.InProgress)) with
        {
            Extra = (f, _) => [new(nameof(AdoptInput.Date), "in the future", i => ((AdoptInput)i).Date = Today(f).AddDays(5), Expect.FieldError)],
        };
        yield return FormCase.For<StudyRequestsService, PublishInput>(nameof(StudyRequestsService.PublishAsync), Cese,
            async (f, id) => new PublishInput { Version = await f.VersionAsync<StudyRequest>(id) },
            (s, p, id, i) => s.PublishAsync(p, id, i), f => StudyFixtures.InStatusAsync(f.Host, StudyRequestStatus.Adopted));
        yield return FormCase.For<StudyRequestsService, MilestoneArgs>(nameof(StudyRequestsService.AddMilestoneAsync), Cese,
            async (f, id) => new MilestoneArgs { Title = "Rapport intermédiaire", DueOn = Today(f).AddMonths(2), Version = await f.VersionAsync<StudyRequest>(id) },
            (s, p, id, i) => s.AddMilestoneAsync(p, id, new MilestoneInput { Title = i.Title, DueOn = i.DueOn }, i.Version),
            f => StudyFixtures.InStatusAsync(f.Host, StudyRequestStatus.InProgress));
        yield return FormCase.For<StudyRequestsService, MilestoneArgs>(nameof(StudyRequestsService.UpdateMilestoneAsync), Cese,
            async (f, id) => new MilestoneArgs { Title = "Auditions régionales", DueOn = Today(f).AddMonths(4), Version = await f.VersionAsync<StudyRequest>(id) },
            async (s, p, id, i) =>
            {
                var milestoneId = (await s.GetAsync(p, id)).Milestones[0].Id;
                await s.UpdateMilestoneAsync(p, id, milestoneId, new MilestoneInput { Title = i.Title, DueOn = i.DueOn }, i.Version);
            },
            f => StudyFixtures.InStatusAsync(f.Host, StudyRequestStatus.InProgress));

        // Publications (CESE staff)
        yield return FormCase.For<PublicationsService, PublicationInput>(nameof(PublicationsService.CreateAsync), Cese,
            (_, _) => Task.FromResult(StudyMeetingFixtures.Publication(Unique("Avis sur la régionalisation"))),
            (s, p, _, i) => s.CreateAsync(p, i)) with { Skip = Creating };
        yield return FormCase.For<PublicationsService, PublicationInput>(nameof(PublicationsService.UpdateAsync), Cese,
            async (f, id) =>
            {
                var input = StudyMeetingFixtures.Publication(Unique("Avis sur la régionalisation"));
                input.Version = await f.VersionAsync<Publication>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateAsync(p, id, i), f => StudyMeetingFixtures.CreatePublicationAsync(f.Host, approved: false));
        yield return FormCase.For<PublicationsService, ApprovalInput>(nameof(PublicationsService.ApproveAsync), Cese,
            async (f, id) => new ApprovalInput { SessionNumber = 42, ApprovedOn = Now(f).Date.AddDays(-30), Version = await f.VersionAsync<Publication>(id) },
            (s, p, id, i) => s.ApproveAsync(p, id, i), f => StudyMeetingFixtures.CreatePublicationAsync(f.Host, approved: false)) with
        {
            Extra = (f, _) => [new(nameof(ApprovalInput.ApprovedOn), "in the future", i => ((ApprovalInput)i).ApprovedOn = Now(f).Date.AddDays(10), Expect.FieldError)],
        };

        // Study meetings (CESE staff)
        yield return FormCase.For<StudyMeetingsService, StudyMeetingInput>(nameof(StudyMeetingsService.ScheduleAsync), Cese,
            (f, id) => Task.FromResult(StudyMeetingFixtures.Meeting(id, Now(f).AddDays(7))),
            (s, p, _, i) => s.ScheduleAsync(p, i), f => StudyMeetingFixtures.CreatePublicationAsync(f.Host, approved: true)) with
        {
            Skip = Creating,
            Extra = (f, _) => [new(nameof(StudyMeetingInput.OnlineLink), "a javascript: link, no place", i => { ((StudyMeetingInput)i).Place = null; ((StudyMeetingInput)i).OnlineLink = "javascript:alert(1)"; }, Expect.FieldError)],
        };
        yield return FormCase.For<StudyMeetingsService, StudyMeetingInput>(nameof(StudyMeetingsService.UpdateAsync), Cese,
            async (f, id) =>
            {
                await using var db = await f.Host.CreateDbContextAsync();
                var publicationId = await db.StudyMeetings.Where(m => m.Id == id).Select(m => m.PublicationId).SingleAsync();
                var input = StudyMeetingFixtures.Meeting(publicationId, Now(f).AddDays(8));
                input.Version = await f.VersionAsync<StudyMeeting>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateAsync(p, id, i), f => StudyMeetingFixtures.ScheduleAsync(f.Host, Now(f).AddDays(7)));
        yield return FormCase.For<StudyMeetingsService, MinutesInput>(nameof(StudyMeetingsService.SaveMinutesAsync), Cese,
            async (f, id) => new MinutesInput { Minutes = "Présentation de l'avis, débat avec les élus.", Version = await f.VersionAsync<StudyMeeting>(id) },
            (s, p, id, i) => s.SaveMinutesAsync(p, id, i), f => StudyMeetingFixtures.ScheduleAsync(f.Host, Now(f).AddHours(-3)));
        yield return FormCase.For<StudyMeetingsService, ParticipantInput>(nameof(StudyMeetingsService.AddPersonAsync), Cese,
            (_, _) => Task.FromResult(Person()),
            (s, p, id, i) => s.AddPersonAsync(p, id, i), f => StudyMeetingFixtures.ScheduleAsync(f.Host, Now(f).AddHours(-1)));
        yield return FormCase.For<StudyMeetingsService, MembersArgs>(nameof(StudyMeetingsService.AddMembersAsync), Cese,
            async (f, id) => new MembersArgs { BodyMemberIds = [(await f.Get<StudyMeetingsService>().MemberChoicesAsync(await f.PrincipalAsync(Cese), id))[0].BodyMemberId] },
            (s, p, id, i) => s.AddMembersAsync(p, id, i.BodyMemberIds), f => StudyMeetingFixtures.ScheduleAsync(f.Host, Now(f).AddDays(3)));
        yield return FormCase.For<StudyMeetingsService, MarkArgs>(nameof(StudyMeetingsService.MarkAsync), Cese,
            (_, _) => Task.FromResult(new MarkArgs { Status = AttendanceStatus.Present }),
            (s, p, id, i) => s.MarkAsync(p, id, i.Status),
            async f =>
            {
                var meetingId = await StudyMeetingFixtures.ScheduleAsync(f.Host, Now(f).AddHours(-1));
                await f.Get<StudyMeetingsService>().AddPersonAsync(await f.PrincipalAsync(Cese), meetingId, Person());
                await using var db = await f.Host.CreateDbContextAsync();
                return await db.StudyMeetingAttendance.Where(a => a.StudyMeetingId == meetingId).Select(a => a.Id).FirstAsync();
            });
        yield return FormCase.For<StudyMeetingsService, FollowUpInput>(nameof(StudyMeetingsService.AddActionAsync), Cese,
            (f, _) => Task.FromResult(FollowUp(f)),
            (s, p, id, i) => s.AddActionAsync(p, id, i), f => StudyMeetingFixtures.ScheduleAsync(f.Host, Now(f).AddHours(-3))) with { Skip = Creating };
        yield return FormCase.For<StudyMeetingsService, FollowUpInput>(nameof(StudyMeetingsService.UpdateActionAsync), Cese,
            async (f, id) =>
            {
                var input = FollowUp(f);
                input.Version = await f.VersionAsync<FollowUpAction>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateActionAsync(p, id, i),
            async f => await f.Get<StudyMeetingsService>().AddActionAsync(await f.PrincipalAsync(Cese), await StudyMeetingFixtures.ScheduleAsync(f.Host, Now(f).AddHours(-3)), FollowUp(f)));
        yield return FormCase.For<StudyMeetingsService, StatusArgs<FollowUpStatus>>(nameof(StudyMeetingsService.SetActionStatusAsync), Cese,
            async (f, id) => new StatusArgs<FollowUpStatus> { Status = FollowUpStatus.InProgress, Version = await f.VersionAsync<FollowUpAction>(id) },
            (s, p, id, i) => s.SetActionStatusAsync(p, id, i.Status, i.Version),
            async f => await f.Get<StudyMeetingsService>().AddActionAsync(await f.PrincipalAsync(Cese), await StudyMeetingFixtures.ScheduleAsync(f.Host, Now(f).AddHours(-3)), FollowUp(f)));

        // Listening sessions (CESE staff) and contributions (an invited region's officer)
        yield return FormCase.For<ListeningSessionsService, ListeningSessionInput>(nameof(ListeningSessionsService.OrganiseAsync), Cese,
            (f, _) => ListeningFixtures.InputAsync(f.Host, Now(f).AddDays(7)),
            (s, p, _, i) => s.OrganiseAsync(p, i)) with { Skip = Creating };
        yield return FormCase.For<ListeningSessionsService, ListeningSessionInput>(nameof(ListeningSessionsService.UpdateAsync), Cese,
            async (f, id) =>
            {
                var input = await ListeningFixtures.InputAsync(f.Host, Now(f).AddDays(9));
                input.Version = await f.VersionAsync<ListeningSession>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateAsync(p, id, i), f => ListeningFixtures.OrganiseAsync(f.Host, Now(f).AddDays(7)));
        yield return FormCase.For<ListeningSessionsService, ListeningRecordInput>(nameof(ListeningSessionsService.SaveRecordAsync), Cese,
            async (f, id) => new ListeningRecordInput { Minutes = "Douze contributions lues.", Synthesis = "Trois priorités.", Version = await f.VersionAsync<ListeningSession>(id) },
            (s, p, id, i) => s.SaveRecordAsync(p, id, i), f => ListeningFixtures.OrganiseRunningNowAsync(f.Host));
        yield return FormCase.For<ListeningSessionsService, ListeningPublicationInput>(nameof(ListeningSessionsService.SetPublicationAsync), Cese,
            async (f, id) =>
            {
                await using var db = await f.Host.CreateDbContextAsync();
                return new ListeningPublicationInput { PublicationId = await db.Publications.Select(p => p.Id).FirstAsync(), Version = await f.VersionAsync<ListeningSession>(id) };
            },
            (s, p, id, i) => s.SetPublicationAsync(p, id, i), f => ListeningFixtures.OrganiseRunningNowAsync(f.Host));
        yield return FormCase.For<ListeningSessionsService, ListeningParticipantInput>(nameof(ListeningSessionsService.AddParticipantAsync), Cese,
            (_, _) => Task.FromResult(new ListeningParticipantInput { FullName = "Karim Benjelloun", Organisation = "Association Tawassol", RegionId = Rsk, Gender = Gender.Male }),
            (s, p, id, i) => s.AddParticipantAsync(p, id, i), f => ListeningFixtures.OrganiseAsync(f.Host, Now(f).AddDays(2)));
        yield return FormCase.For<ContributionsService, ContributionInput>(nameof(ContributionsService.ContributeAsync), RskOfficer,
            (_, _) => Task.FromResult(new ContributionInput { Text = "Nous proposons un guichet unique pour les jeunes porteurs de projets." }),
            (s, p, id, i) => s.ContributeAsync(p, id, i, []), f => ListeningFixtures.OrganiseRunningNowAsync(f.Host)) with
        {
            Extra = (f, _) => [OtherRegionBody(f, nameof(ContributionInput.BodyId), (i, id) => ((ContributionInput)i).BodyId = id)],
        };

        // Trainings (ARM), registrations (region 4's officer), attendance (the trainer), evaluations (participants)
        yield return FormCase.For<TrainingsService, ProgrammeInput>(nameof(TrainingsService.CreateProgrammeAsync), Arm,
            (_, _) => Task.FromResult(TrainingFixtures.Programme(Unique("Démocratie participative"))),
            (s, p, _, i) => s.CreateProgrammeAsync(p, i)) with { Skip = Creating };
        yield return FormCase.For<TrainingsService, ProgrammeInput>(nameof(TrainingsService.UpdateProgrammeAsync), Arm,
            async (f, id) =>
            {
                var input = TrainingFixtures.Programme(Unique("Démocratie participative"));
                input.Version = await f.VersionAsync<TrainingProgramme>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateProgrammeAsync(p, id, i),
            async f => await f.Get<TrainingsService>().CreateProgrammeAsync(await f.PrincipalAsync(Arm), TrainingFixtures.Programme(Unique("Programme"))));
        yield return FormCase.For<TrainingsService, SessionInput>(nameof(TrainingsService.CreateSessionAsync), Arm,
            (f, _) => TrainingFixtures.SessionAsync(f.Host, Now(f).AddDays(14)),
            (s, p, id, i) => s.CreateSessionAsync(p, id, i),
            async f => await f.Get<TrainingsService>().CreateProgrammeAsync(await f.PrincipalAsync(Arm), TrainingFixtures.Programme(Unique("Programme")))) with { Skip = Creating };
        yield return FormCase.For<TrainingsService, SessionInput>(nameof(TrainingsService.UpdateSessionAsync), Arm,
            async (f, id) =>
            {
                var input = await TrainingFixtures.SessionAsync(f.Host, Now(f).AddDays(15));
                input.Version = await f.VersionAsync<TrainingSession>(id);
                return input;
            },
            (s, p, id, i) => s.UpdateSessionAsync(p, id, i), f => TrainingFixtures.CreateSessionAsync(f.Host, Now(f).AddDays(14)));
        yield return FormCase.For<RegistrationsService, ParticipantInput>(nameof(RegistrationsService.RegisterNewAsync), RskOfficer,
            (_, _) => Task.FromResult(Person()),
            (s, p, id, i) => s.RegisterNewAsync(p, id, i), f => TrainingFixtures.CreateSessionAsync(f.Host, Now(f).AddDays(14)));
        yield return FormCase.For<RegistrationsService, MemberArgs>(nameof(RegistrationsService.RegisterMemberAsync), RskOfficer,
            async (f, id) => new MemberArgs { BodyMemberId = (await f.Get<RegistrationsService>().MemberChoicesAsync(await f.PrincipalAsync(RskOfficer), id, Rsk))[0].BodyMemberId },
            (s, p, id, i) => s.RegisterMemberAsync(p, id, i.BodyMemberId), f => TrainingFixtures.CreateSessionAsync(f.Host, Now(f).AddDays(14)));
        yield return FormCase.For<AttendanceService, AttendanceArgs>(nameof(AttendanceService.MarkAsync), Trainer,
            (_, _) => Task.FromResult(new AttendanceArgs { Status = AttendanceStatus.Late, Remark = "Arrivée après la pause." }),
            async (s, p, id, i) => await s.MarkAsync(p, id, (await s.RosterAsync(p, id))[0].ParticipantId, i.Status, i.Remark),
            async f =>
            {
                var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(f.Host);
                await TrainingFixtures.RegisterAsync(f.Host, sessionId, Person());
                return sessionId;
            });
        yield return FormCase.For<AttendanceService, ParticipantInput>(nameof(AttendanceService.AddWalkInAsync), Trainer,
            (_, _) => Task.FromResult(Person()),
            (s, p, id, i) => s.AddWalkInAsync(p, id, i), f => TrainingFixtures.CreateSessionRunningNowAsync(f.Host));
        yield return FormCase.For<EvaluationService, EvaluationInput>(nameof(EvaluationService.SubmitAsync), Admin,
            async (f, id) =>
            {
                await using var db = await f.Host.CreateDbContextAsync();
                var email = await db.Registrations.Where(r => r.SessionId == id).Select(r => r.Participant!.Email).FirstAsync();
                return new EvaluationInput { Identifier = email, Content = 5, Trainer = 4, Organisation = 4, Comment = "Très utile." };
            },
            (s, _, id, i) => s.SubmitAsync(id, i, "bad-input-" + Guid.NewGuid().ToString("N")),
            async f =>
            {
                var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(f.Host);
                var participantId = await TrainingFixtures.RegisterAsync(f.Host, sessionId, Person());
                await f.Get<AttendanceService>().MarkAsync(await f.PrincipalAsync(Trainer), sessionId, participantId, AttendanceStatus.Present);
                return sessionId;
            });

        // Accounts (administrator) and one's own preferences
        yield return FormCase.For<AccountsService, AccountInput>(nameof(AccountsService.CreateAsync), Admin,
            (_, _) => Task.FromResult(new AccountInput { Email = $"new.{Guid.NewGuid().ToString("N")[..8]}@demo.ma", DisplayName = "Nadia Alaoui", Role = WorkspaceRole.Leadership, Password = "Demo-2026!<ok>" }),
            (s, p, _, i) => s.CreateAsync(p, i)) with
        {
            // A password is a secret, not text shown anywhere: "<" and "javascript:" are fine in it.
            Skip = new HashSet<string> { "Password:markup" },
        };
        yield return FormCase.For<AccountsService, AccountInput>(nameof(AccountsService.UpdateAsync), Admin,
            (_, _) => Task.FromResult(new AccountInput { Email = "dgct@demo.ma", DisplayName = "Coordination DGCT", Role = WorkspaceRole.DgctCoordinator }),
            async (s, p, _, i) => await s.UpdateAsync(p, (await s.ListAsync(p, "dgct@demo.ma", 0, 5)).Items[0].Id, i)) with
        {
            Skip = new HashSet<string> { "Password:markup" },
        };
        yield return FormCase.For<AccountsService, CultureArgs>(nameof(AccountsService.SavePreferencesAsync), Trainer,
            (_, _) => Task.FromResult(new CultureArgs { Culture = "ar" }),
            (s, p, _, i) => s.SavePreferencesAsync(p, i.Culture, null));
    }

    private static IEnumerable<FormCase> Queries()
    {
        FormCase Query<TService, TInput>(string method, string user, Func<TInput> input, Func<TService, System.Security.Claims.ClaimsPrincipal, TInput, Task> call)
            where TService : notnull
            where TInput : class =>
            FormCase.For<TService, TInput>(method, user, (_, _) => Task.FromResult(input()), (s, p, _, i) => call(s, p, i)) with { Lenient = true };

        yield return Query<PracticesService, PracticeQuery>(nameof(PracticesService.SearchAsync), Cese, () => new PracticeQuery { Text = "jeunes" }, (s, p, i) => s.SearchAsync(p, i));
        yield return Query<SupportActionsService, SupportActionQuery>(nameof(SupportActionsService.ListAsync), Arm, () => new SupportActionQuery { Text = "eau" }, (s, p, i) => s.ListAsync(p, i));
        yield return Query<SupportActionsService, TextArgs>(nameof(SupportActionsService.SearchPracticesAsync), Arm, () => new TextArgs { Text = "budget" }, (s, p, i) => s.SearchPracticesAsync(p, i.Text));
        yield return Query<SupportActionsService, IdsArgs>(nameof(SupportActionsService.PracticesAsync), Arm, () => new IdsArgs { Ids = [1] }, (s, p, i) => s.PracticesAsync(p, i.Ids));
        yield return Query<StudyMeetingsService, StudyMeetingQuery>(nameof(StudyMeetingsService.ListAsync), Cese, () => new StudyMeetingQuery(), (s, p, i) => s.ListAsync(p, i));
        yield return Query<ListeningSessionsService, ListeningSessionQuery>(nameof(ListeningSessionsService.ListAsync), Cese, () => new ListeningSessionQuery { Text = "jeunes" }, (s, p, i) => s.ListAsync(p, i));
        yield return Query<StudyRequestsService, StudyRequestQuery>(nameof(StudyRequestsService.ListAsync), Cese, () => new StudyRequestQuery(), (s, p, i) => s.ListAsync(p, i));
        yield return Query<PublicationsService, PublicationQuery>(nameof(PublicationsService.ListAsync), Cese, () => new PublicationQuery { Text = "avis" }, (s, p, i) => s.ListAsync(p, i));
        yield return Query<BodiesService, PageArgs>(nameof(BodiesService.ListMembersAsync), RskOfficer, () => new PageArgs { Search = "a" },
            async (s, p, i) => await s.ListMembersAsync(p, await BodyOf(s, p), i.Search, i.Page, i.PageSize));
        yield return Query<BodiesService, PageArgs>(nameof(BodiesService.ListMeetingsAsync), RskOfficer, () => new PageArgs(),
            async (s, p, i) => await s.ListMeetingsAsync(p, await BodyOf(s, p), i.Page, i.PageSize));
        yield return Query<AccountsService, PageArgs>(nameof(AccountsService.ListAsync), Admin, () => new PageArgs { Search = "demo" }, (s, p, i) => s.ListAsync(p, i.Search, i.Page, i.PageSize));
        yield return Query<ActivityService, ActivityArgs>(nameof(ActivityService.ListAsync), Cese, () => new ActivityArgs(), (s, p, i) => s.ListAsync(p, i.RegionId, i.Capability, i.Page, i.PageSize));
        yield return Query<NotificationsService, PageArgs>(nameof(NotificationsService.ListMineAsync), Cese, () => new PageArgs(), (s, p, i) => s.ListMineAsync(p, i.Page, i.PageSize));
        yield return Query<AuditService, AuditArgs>(nameof(AuditService.ListAsync), Admin, () => new AuditArgs(), (s, p, i) => s.ListAsync(p, i.Filter(), i.Page, i.PageSize));
        yield return Query<AuditService, AuditArgs>(nameof(AuditService.ExportAsync), Admin, () => new AuditArgs { RecordId = "1" }, (s, p, i) => s.ExportAsync(p, i.Filter(), xlsx: false));
        yield return Query<RegionReportService, ReportArgs>(nameof(RegionReportService.BuildAsync), Cese, () => new ReportArgs { Code = "RSK", From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) }, (s, p, i) => s.BuildAsync(p, i.Code, i.From, i.To));
        yield return Query<RegionsService, ReportArgs>(nameof(RegionsService.GetAsync), Cese, () => new ReportArgs { Code = "RSK" }, (s, p, i) => s.GetAsync(p, i.Code));
        yield return Query<ConventionFiguresService, PeriodArgs>(nameof(ConventionFiguresService.ComputeAsync), Cese, () => new PeriodArgs { Period = "2025" }, (s, p, i) => s.ComputeAsync(p, i.Period));
        yield return Query<TrainingsService, SessionsArgs>(nameof(TrainingsService.ListSessionsAsync), Arm, () => new SessionsArgs(), (s, p, i) => s.ListSessionsAsync(p, i.ProgrammeId, i.From));
    }

    private static async Task<int> BodyOf(BodiesService bodies, System.Security.Claims.ClaimsPrincipal principal) =>
        (await bodies.ListOptionsAsync(principal, Rsk))[0].Id;

    private static async Task<int> NewPracticeAsync(BadInputFixture f) =>
        await f.Get<PracticesService>().CreateAsync(await f.PrincipalAsync(RskOfficer), Rsk, PracticeFixtures.Input(Unique("Budget participatif")));

    private static async Task<int> PublishedPracticeAsync(BadInputFixture f)
    {
        var id = await NewPracticeAsync(f);
        await f.Get<PracticesService>().SetStatusAsync(await f.PrincipalAsync(RskOfficer), id, PracticeStatus.Published, 1);
        return id;
    }

    private static Task<int> RskBodyAsync(BadInputFixture f) => f.Host.BodyIdAsync("RSK", BodyKind.Youth);

    /// <summary>A body of Souss-Massa given where region 4's record expects one of its own.</summary>
    private static BadValue OtherRegionBody(BadInputFixture f, string field, Action<object, int> set)
    {
        var otherBody = f.Host.BodyIdAsync("SM", BodyKind.Youth).GetAwaiter().GetResult();
        return new(field, $"a body of another region ({otherBody})", i => set(i, otherBody), Expect.FieldErrorOrRefusal);
    }

    private static MemberInput Member(BadInputFixture f) => new()
    {
        FullName = "Salma Idrissi", FullNameAr = "سلمى الإدريسي", Organisation = "Association Amal", SeatType = SeatType.CivilSociety,
        Gender = Gender.Female, MandateStart = Today(f).AddYears(-1), MandateEnd = Today(f).AddYears(2),
    };

    private static MeetingInput Meeting(BadInputFixture f) => new()
    {
        Date = Today(f).AddDays(-7), Status = MeetingStatus.Held, Agenda = "Avis sur le plan de développement régional.", Minutes = "Avis adopté.",
        Outputs = [new OutputInput { Kind = OutputKind.Recommendation, Title = "Créer un guichet jeunesse" }],
    };

    private static SupportActionInput SupportAction(BadInputFixture f)
    {
        var input = SupportActionFixtures.Input(f.Host);
        input.Outcome = null;
        return input;
    }

    private static ParticipantInput Person() =>
        TrainingFixtures.Person("Leila Amrani", $"leila.{Guid.NewGuid().ToString("N")[..8]}@example.ma") is var p ? With(p, x => x.Phone = "+212 6 12 34 56 78") : p;

    private static T With<T>(T value, Action<T> change)
    {
        change(value);
        return value;
    }

    private static FollowUpInput FollowUp(BadInputFixture f) => new()
    {
        Description = "Transmettre les recommandations aux commissions.", Owner = "Direction de la communication", RegionId = Rsk, DueOn = Now(f).Date.AddDays(30), Status = FollowUpStatus.Open,
    };
}

// Scalar parameters given names, so the generated table can spoil them (the names are those of the service's field errors).
public sealed class StatusArgs<TStatus>
    where TStatus : struct, Enum
{
    public TStatus Status { get; set; }

    public int Version { get; set; }
}

public sealed class RestoreArgs
{
    public int Number { get; set; }

    public int Version { get; set; }
}

public sealed class CommentArgs
{
    public string? Comment { get; set; }
}

public sealed class NoteArgs
{
    public string? Note { get; set; }
}

public sealed class TextArgs
{
    public string? Text { get; set; }
}

public sealed class CultureArgs
{
    public string? Culture { get; set; }
}

public sealed class IdsArgs
{
    public List<int> Ids { get; set; } = [];
}

public sealed class MembersArgs
{
    public List<int> BodyMemberIds { get; set; } = [];
}

public sealed class MemberArgs
{
    public int BodyMemberId { get; set; }
}

public sealed class MarkArgs
{
    public AttendanceStatus? Status { get; set; }
}

public sealed class AttendanceArgs
{
    public AttendanceStatus Status { get; set; }

    public string? Remark { get; set; }
}

public sealed class MilestoneArgs
{
    public string Title { get; set; } = "";

    public DateOnly? DueOn { get; set; }

    public int Version { get; set; }
}

public sealed class PageArgs
{
    public string? Search { get; set; }

    public int Page { get; set; }

    public int PageSize { get; set; } = 20;
}

public sealed class ActivityArgs
{
    public int? RegionId { get; set; }

    public Capability? Capability { get; set; }

    public int Page { get; set; }

    public int PageSize { get; set; } = 20;
}

public sealed class AuditArgs
{
    public string? UserId { get; set; }

    public string? EntityType { get; set; }

    public string? RecordId { get; set; }

    public AuditOperation? Operation { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int Page { get; set; }

    public int PageSize { get; set; } = 50;

    public AuditFilter Filter() => new(UserId, EntityType, RecordId, Operation, From, To);
}

public sealed class ReportArgs
{
    public string Code { get; set; } = "";

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

public sealed class PeriodArgs
{
    public string? Period { get; set; }
}

public sealed class SessionsArgs
{
    public int? ProgrammeId { get; set; }

    public DateTime? From { get; set; }
}
