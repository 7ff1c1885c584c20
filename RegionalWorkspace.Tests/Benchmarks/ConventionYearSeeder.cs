using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// A realistic year of the convention written straight into the database, for the report benchmark: what the 12 regions,
/// ARM, DGCT and CESE could plausibly record in a busy year. Deterministic (fixed seed), so every run prints the same document.
/// </summary>
public static class ConventionYearSeeder
{
    public const int BodyMeetingsPerBody = 5;
    public const int Practices = 60;
    public const int AdoptionsPerPractice = 2;
    public const int TrainingSessions = 144;
    public const int RegistrationsPerSession = 24;
    public const int SupportActionsPerRegion = 8;
    public const int StudyRequests = 30;
    public const int ListeningSessions = 24;
    public const int ContributionsPerListening = 12;
    public const int StudyMeetings = 30;
    public const int ActionsPerStudyMeeting = 7;

    public static string Describe(int year) => FormattableString.Invariant(
        $"{year}: {BodyMeetingsPerBody} meetings held by each of the 48 bodies (1–2 outputs each), {Practices} practices published (French and Arabic) with {AdoptionsPerPractice} adoptions each, {TrainingSessions} training sessions with {RegistrationsPerSession} registered and marked each, {SupportActionsPerRegion * 12} support actions, {StudyRequests} study requests with their history, {ListeningSessions} listening sessions with {ContributionsPerListening} contributions each, {StudyMeetings} study meetings with {ActionsPerStudyMeeting} follow-up actions each");

    public static async Task SeedAsync(AppDbContext db, int year)
    {
        var random = new Random(2026);
        var start = new DateTime(year, 1, 6, 8, 0, 0, DateTimeKind.Utc);
        DateTime Day(int i, int count) => start.AddDays(i * 350.0 / count).AddHours(random.Next(0, 4));
        var regions = await db.Regions.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var bodies = await db.Bodies.OrderBy(b => b.Id).Select(b => b.Id).ToListAsync();
        var user = await db.Users.Select(u => u.Id).FirstAsync();

        foreach (var bodyId in bodies)
        {
            for (var i = 0; i < BodyMeetingsPerBody; i++)
            {
                var meeting = new BodyMeeting { BodyId = bodyId, Date = DateOnly.FromDateTime(Day(i, BodyMeetingsPerBody).AddDays(random.Next(0, 30))), Status = MeetingStatus.Held, Agenda = $"Session ordinaire n° {i + 1} : programme de développement régional, suivi des avis." };
                meeting.Outputs.AddRange(Enumerable.Range(0, 1 + random.Next(2)).Select(o => new BodyOutput { Kind = o == 0 ? OutputKind.Opinion : OutputKind.Recommendation, Title = $"Avis sur le programme de développement régional, volet {o + 1}" }));
                db.BodyMeetings.Add(meeting);
            }
        }

        var practices = new List<Practice>();
        for (var i = 0; i < Practices; i++)
        {
            var at = Day(i, Practices);
            var practice = new Practice { RegionId = regions[i % 12], Commitment = i % 3 == 0 ? PracticeCommitment.C3 : PracticeCommitment.C1, Status = PracticeStatus.Published, Themes = (PracticeThemes)(1 << (i % 3)), CreatedAtUtc = at.AddDays(-20), PublishedAtUtc = at };
            practice.Texts.Add(new PracticeText { Language = "fr", Title = $"Pratique {i + 1} : budget participatif et consultation des jeunes", Summary = "Résumé.", Body = "Texte." });
            practice.Texts.Add(new PracticeText { Language = "ar", Title = $"الممارسة {i + 1}: الميزانية التشاركية واستشارة الشباب", Summary = "ملخص.", Body = "نص." });
            for (var a = 1; a <= AdoptionsPerPractice; a++)
            {
                practice.Adoptions.Add(new PracticeAdoption { RegionId = regions[(i + a * 5) % 12], AdoptedBy = "Officier régional", AtUtc = at.AddDays(3 * a) });
            }

            practices.Add(practice);
        }

        db.Practices.AddRange(practices);

        var programme = new TrainingProgramme { Title = "Démocratie participative au niveau régional", TitleAr = "الديمقراطية التشاركية على المستوى الجهوي", Objectives = "Outiller les élus et les cadres.", Organisers = Organisers.Arm | Organisers.Dgct, Audience = TrainingAudience.CouncilMembers | TrainingAudience.CouncilStaff | TrainingAudience.BodyMembers };
        db.TrainingProgrammes.Add(programme);
        var people = Enumerable.Range(0, 600).Select(i => new Participant
        {
            FullName = $"Participant synthétique {i + 1}",
            Gender = i % 2 == 0 ? Gender.Female : Gender.Male,
            RegionId = regions[i % 12],
            Audience = (ParticipantAudience)(i % 3),
            PersonalCode = $"SYN{year}{i:D5}",
            Email = $"synthetic.{year}.{i}@example.ma",
        }).ToList();
        db.Participants.AddRange(people);
        await db.SaveChangesAsync();

        var statuses = new[] { AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Excused, AttendanceStatus.Absent };
        for (var i = 0; i < TrainingSessions; i++)
        {
            var at = Day(i, TrainingSessions);
            var session = new TrainingSession { ProgrammeId = programme.Id, StartsAtUtc = at, DurationMinutes = 360, Place = $"Siège du conseil régional n° {i % 12 + 1}", Capacity = 30, CheckInSecret = $"synthetic-{year}-{i}" };
            session.Regions.Add(new SessionRegion { RegionId = regions[i % 12] });
            session.Regions.Add(new SessionRegion { RegionId = regions[(i + 4) % 12] });
            foreach (var person in Enumerable.Range(0, RegistrationsPerSession).Select(k => people[(i * 7 + k * 13) % people.Count]).DistinctBy(p => p.Id))
            {
                session.Registrations.Add(new Registration { ParticipantId = person.Id, Status = RegistrationStatus.Registered, CreatedAtUtc = at.AddDays(-10), RegisteredBy = "Officier régional" });
                session.Marks.Add(new AttendanceMark { ParticipantId = person.Id, Status = statuses[random.Next(statuses.Length)], MarkedBy = "Formateur", MarkedAtUtc = at.AddMinutes(10) });
            }

            db.TrainingSessions.Add(session);
        }

        for (var i = 0; i < SupportActionsPerRegion * 12; i++)
        {
            var on = DateOnly.FromDateTime(Day(i, SupportActionsPerRegion * 12));
            db.SupportActions.Add(new SupportAction
            {
                RegionId = regions[i % 12], Theme = (SupportTheme)(i % 3), Kind = (SupportKind)(i % 5), TitleFr = $"Accompagnement n° {i + 1} de la démarche participative régionale",
                TitleAr = $"مواكبة رقم {i + 1} للمقاربة التشاركية الجهوية", Description = "Appui méthodologique.", SupportedBy = Organisers.Arm, Status = (SupportStatus)(i % 3), StartsOn = on, EndsOn = i % 3 == 2 ? on.AddDays(45) : null, CreatedAtUtc = start,
            });
        }

        var publications = new List<Publication>();
        for (var i = 0; i < StudyRequests; i++)
        {
            var at = Day(i, StudyRequests);
            var request = new StudyRequest { Title = $"Étude n° {i + 1} sur la régionalisation avancée et les services publics régionaux", Question = "Question.", Rationale = "Motifs.", Scope = (StudyScope)(i % 3), Requester = i % 2 == 0 ? StudyRequester.Arm : StudyRequester.Dgct, RequestedByUserId = user, SubmittedAtUtc = at, Status = (StudyRequestStatus)(i % 7), Commission = CeseCommission.RegionalisationAndRuralDevelopment };
            request.Regions.Add(new StudyRequestRegion { RegionId = regions[i % 12] });
            request.History.Add(new StudyRequestEvent { AtUtc = at, ActorId = user, ActorName = "Coordinateur", ToStatus = StudyRequestStatus.Submitted });
            if (request.Status >= StudyRequestStatus.Accepted)
            {
                request.History.Add(new StudyRequestEvent { AtUtc = at.AddDays(12), ActorId = user, ActorName = "CESE", FromStatus = StudyRequestStatus.UnderReview, ToStatus = request.Status == StudyRequestStatus.Declined ? StudyRequestStatus.Declined : StudyRequestStatus.Accepted });
            }

            db.StudyRequests.Add(request);
            publications.Add(new Publication { TitleFr = $"Avis n° {i + 1} sur la régionalisation avancée", TitleAr = $"رأي رقم {i + 1} حول الجهوية المتقدمة", Kind = PublicationKind.Opinion, Commission = CeseCommission.RegionalisationAndRuralDevelopment, AssemblySessionNumber = 150 + i, AssemblyApprovedOn = DateOnly.FromDateTime(start) });
        }

        db.Publications.AddRange(publications);
        await db.SaveChangesAsync();

        for (var i = 0; i < ListeningSessions; i++)
        {
            var at = Day(i, ListeningSessions);
            var session = new ListeningSession { Topic = $"Séance d'écoute n° {i + 1} : emploi des jeunes et développement territorial", TopicAr = $"جلسة إنصات رقم {i + 1}: تشغيل الشباب والتنمية الترابية", StartsAtUtc = at, DurationMinutes = 180, Place = "Siège du CESE, Rabat", ContributionsCloseAtUtc = at.AddHours(3), Minutes = "Compte rendu." };
            session.InvitedRegions.AddRange(Enumerable.Range(0, 4).Select(k => new ListeningSessionRegion { RegionId = regions[(i + k * 3) % 12] }));
            session.Contributions.AddRange(Enumerable.Range(0, ContributionsPerListening).Select(k => new Contribution { RegionId = regions[(i + k * 3) % 12], AuthorId = user, AuthorName = "Officier régional", Text = "Contribution.", CreatedAtUtc = at.AddDays(-2) }));
            db.ListeningSessions.Add(session);
        }

        var actionStatuses = Enum.GetValues<FollowUpStatus>();
        for (var i = 0; i < StudyMeetings; i++)
        {
            var at = Day(i, StudyMeetings);
            var meeting = new StudyMeeting { PublicationId = publications[i % publications.Count].Id, StartsAtUtc = at, DurationMinutes = 150, Place = $"Siège du conseil régional n° {i % 12 + 1}" };
            meeting.InvitedRegions.Add(new StudyMeetingRegion { RegionId = regions[i % 12] });
            meeting.Actions.AddRange(Enumerable.Range(0, ActionsPerStudyMeeting).Select(k => new FollowUpAction { Description = $"Intégrer la recommandation n° {k + 1} de l'avis dans le programme de développement régional", Owner = "Conseil régional", RegionId = regions[i % 12], DueOn = DateOnly.FromDateTime(at.AddDays(30 + 15 * k)), Status = actionStatuses[(i + k) % actionStatuses.Length] }));
            db.StudyMeetings.Add(meeting);
        }

        await db.SaveChangesAsync();
    }
}
