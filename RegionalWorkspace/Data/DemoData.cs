using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Data;

/// <summary>
/// Demo accounts (one per role, password <see cref="Password"/>) and realistic records in every region, so that every
/// screen has something to show. Only with <c>Demo:Seed=true</c>; deterministic, and added once.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo-2026!";

    public sealed record DemoAccount(string Email, string DisplayName, WorkspaceRole Role, string? RegionCode);

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@demo.ma", "Samira Benjelloun", WorkspaceRole.Administrator, null),
        new("leadership@demo.ma", "Abdelkader Tahiri", WorkspaceRole.Leadership, null),
        new("cese@demo.ma", "Leila Kabbaj", WorkspaceRole.CeseStaff, null),
        new("arm@demo.ma", "Driss Mernissi", WorkspaceRole.ArmCoordinator, null),
        new("dgct@demo.ma", "Houda Skalli", WorkspaceRole.DgctCoordinator, null),
        new("trainer@demo.ma", "Yassine Filali", WorkspaceRole.Trainer, null),
        new("officer.rsk@demo.ma", "Khadija Alami", WorkspaceRole.RegionalOfficer, "RSK"),
        new("officer.sm@demo.ma", "Brahim Ait Lahcen", WorkspaceRole.RegionalOfficer, "SM"),
    ];

    private static readonly (string Fr, string Ar)[] s_womenFirstNames =
    [
        ("Fatima Zahra", "فاطمة الزهراء"), ("Khadija", "خديجة"), ("Amina", "أمينة"), ("Nadia", "نادية"), ("Salma", "سلمى"),
        ("Latifa", "لطيفة"), ("Hajar", "هاجر"), ("Meryem", "مريم"), ("Imane", "إيمان"), ("Zineb", "زينب"),
        ("Soukaina", "سكينة"), ("Rachida", "رشيدة"), ("Asmae", "أسماء"), ("Naima", "نعيمة"), ("Ghizlane", "غزلان"),
    ];

    private static readonly (string Fr, string Ar)[] s_menFirstNames =
    [
        ("Mohamed", "محمد"), ("Youssef", "يوسف"), ("Hassan", "حسن"), ("Said", "سعيد"), ("Karim", "كريم"),
        ("Omar", "عمر"), ("Rachid", "رشيد"), ("Abdellah", "عبد الله"), ("Mehdi", "المهدي"), ("Hamza", "حمزة"),
        ("Mustapha", "مصطفى"), ("Anouar", "أنوار"), ("Hicham", "هشام"), ("Jamal", "جمال"), ("Ayoub", "أيوب"),
    ];

    private static readonly (string Fr, string Ar)[] s_lastNames =
    [
        ("El Amrani", "العمراني"), ("Benali", "بنعلي"), ("Alaoui", "العلوي"), ("Bennani", "بناني"), ("Tazi", "التازي"),
        ("El Idrissi", "الإدريسي"), ("Chraibi", "الشرايبي"), ("Berrada", "برادة"), ("Lahlou", "لحلو"), ("Ouazzani", "الوزاني"),
        ("Saidi", "السعيدي"), ("Naciri", "الناصري"), ("Kettani", "الكتاني"), ("Boukhari", "البخاري"), ("Ziani", "الزياني"),
        ("Belhaj", "بلحاج"), ("Ait Ahmed", "آيت أحمد"), ("El Fassi", "الفاسي"), ("Hilali", "الهلالي"), ("Sbai", "السباعي"),
    ];

    private static readonly Dictionary<BodyKind, (SeatType Seat, string Organisation)[]> s_seats = new()
    {
        [BodyKind.EquityAndGender] =
        [
            (SeatType.CivilSociety, "Association Femmes et Développement"), (SeatType.CivilSociety, "Réseau des associations de quartier"),
            (SeatType.Expert, "Observatoire régional de l'approche genre"), (SeatType.Academic, "Université de la région"),
            (SeatType.CouncilMember, "Conseil régional"), (SeatType.CivilSociety, "Association des personnes en situation de handicap"),
        ],
        [BodyKind.Youth] =
        [
            (SeatType.YouthRepresentative, "Conseil des jeunes de la province"), (SeatType.CivilSociety, "Association Jeunes Citoyens"),
            (SeatType.YouthRepresentative, "Réseau des étudiants entrepreneurs"), (SeatType.Expert, "Maison des jeunes"),
            (SeatType.Academic, "École nationale de commerce et de gestion"), (SeatType.CouncilMember, "Conseil régional"),
        ],
        [BodyKind.EconomicActors] =
        [
            (SeatType.EconomicActor, "Chambre de commerce, d'industrie et de services"), (SeatType.EconomicActor, "Chambre d'agriculture"),
            (SeatType.EconomicActor, "Chambre d'artisanat"), (SeatType.EconomicActor, "Confédération générale des entreprises du Maroc"),
            (SeatType.Expert, "Centre régional d'investissement"), (SeatType.CouncilMember, "Conseil régional"),
        ],
    };

    private static readonly Dictionary<BodyKind, string[]> s_agendas = new()
    {
        [BodyKind.EquityAndGender] =
        [
            "Budgétisation sensible au genre du budget régional",
            "Accès des femmes rurales aux services publics régionaux",
            "Avis sur l'égalité des chances dans le programme de développement régional",
            "Inclusion des personnes en situation de handicap dans les transports régionaux",
            "Suivi des recommandations adressées au conseil",
        ],
        [BodyKind.Youth] =
        [
            "Stratégie régionale pour l'emploi des jeunes",
            "Espaces culturels et sportifs de proximité",
            "Participation des jeunes aux consultations publiques numériques",
            "Programme d'appui à l'entrepreneuriat des jeunes",
            "Suivi des recommandations adressées au conseil",
        ],
        [BodyKind.EconomicActors] =
        [
            "Schéma régional d'aménagement du territoire : volet économique",
            "Attractivité de la région et zones d'activités économiques",
            "Gestion de l'eau et agriculture durable",
            "Appui aux très petites entreprises et à l'économie sociale et solidaire",
            "Suivi des recommandations adressées au conseil",
        ],
    };

    public static async Task EnsureAsync(IDbContextFactory<AppDbContext> factory, UserManager<AppUser> users, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var regionIds = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, ct);

        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new AppUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                RegionId = account.RegionCode is null ? null : regionIds[account.RegionCode],
                LockoutEnabled = true,
            };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, account.Role.ToString()));
        }

        if (await db.BodyMembers.AnyAsync(ct))
        {
            await DemoPractices.EnsureAsync(db, ct);
            await DemoTrainings.EnsureAsync(db, ct);
            await DemoSupportActions.EnsureAsync(db, ct);
            await DemoStudies.EnsureAsync(db, ct);
            await DemoPublications.EnsureAsync(db, ct);
            await DemoStudyMeetings.EnsureAsync(db, ct);
            await DemoListeningSessions.EnsureAsync(db, ct);
            return;
        }

        db.Actor = "Démo";
        var bodies = await db.Bodies.Include(b => b.Region).OrderBy(b => b.RegionId).ThenBy(b => b.Kind).ToListAsync(ct);
        foreach (var body in bodies.Where(b => s_seats.ContainsKey(b.Kind)))
        {
            var random = new Random(body.RegionId * 100 + (int)body.Kind);
            AddMembers(body, random);
            AddMeetings(body, random);
        }

        await db.SaveChangesAsync(ct);
        await AddActivityAsync(db, ct);
        await DemoPractices.EnsureAsync(db, ct);
        await DemoTrainings.EnsureAsync(db, ct);
        await DemoSupportActions.EnsureAsync(db, ct);
        await DemoStudies.EnsureAsync(db, ct);
        await DemoPublications.EnsureAsync(db, ct);
        await DemoStudyMeetings.EnsureAsync(db, ct);
        await DemoListeningSessions.EnsureAsync(db, ct);
    }

    /// <summary>The feed's recent history: the meetings recorded over the last weeks, by each region's officer where it has one.</summary>
    private static async Task AddActivityAsync(AppDbContext db, CancellationToken ct)
    {
        var officers = await db.Users.Where(u => u.RegionId != null).ToDictionaryAsync(u => u.RegionId!.Value, ct);
        var admin = await db.Users.SingleAsync(u => u.Email == "admin@demo.ma", ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var recent = await db.BodyMeetings.Include(m => m.Body)
            .Where(m => m.Status == MeetingStatus.Held && m.Date > today.AddDays(-120))
            .OrderBy(m => m.Date).ToListAsync(ct);
        foreach (var meeting in recent)
        {
            var regionId = meeting.Body!.RegionId;
            var actor = officers.GetValueOrDefault(regionId) ?? admin;
            db.Activity.Add(new ActivityEntry
            {
                EventId = Guid.NewGuid(),
                AtUtc = meeting.Date.ToDateTime(new TimeOnly(17, 30), DateTimeKind.Utc),
                ActorId = actor.Id,
                ActorName = actor.DisplayName,
                Capability = Capability.Bodies,
                EntityType = "Meeting",
                EntityId = meeting.Id,
                RegionId = regionId,
                Kind = ChangeKind.Updated,
                Title = BodiesService.MeetingTitle(meeting),
                Link = $"/bodies/{meeting.BodyId}",
                Audience = Audience.SignedIn,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static void AddMembers(ParticipatoryBody body, Random random)
    {
        var count = random.Next(8, 15);
        var taken = new HashSet<string>();
        while (body.Members.Count < count)
        {
            var female = random.Next(100) < 50;
            var first = female ? Pick(s_womenFirstNames, random) : Pick(s_menFirstNames, random);
            var last = Pick(s_lastNames, random);
            if (!taken.Add(first.Fr + last.Fr))
            {
                continue;
            }

            var (seat, organisation) = Pick(s_seats[body.Kind], random);
            var start = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 540));
            body.Members.Add(new BodyMember
            {
                FullName = $"{first.Fr} {last.Fr}",
                FullNameAr = $"{first.Ar} {last.Ar}",
                Organisation = organisation,
                SeatType = seat,
                Gender = female ? Gender.Female : Gender.Male,
                MandateStart = start,
                MandateEnd = start.AddYears(5),
            });
        }
    }

    private static void AddMeetings(ParticipatoryBody body, Random random)
    {
        var regionName = body.Region!.NameFr;
        var agendas = s_agendas[body.Kind];
        var date = new DateOnly(2025, 1, 15).AddDays(random.Next(0, 60));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; date < new DateOnly(2027, 3, 1); i++)
        {
            var agenda = agendas[i % agendas.Length];
            var held = date < today;
            var meeting = new BodyMeeting
            {
                Date = date,
                Status = held ? MeetingStatus.Held : MeetingStatus.Planned,
                Agenda = $"1. {agenda}\n2. Questions diverses",
                Minutes = held
                    ? $"Réunion tenue au siège du conseil de la région {regionName}. Les membres ont examiné le point « {agenda} » " +
                      $"et adopté les recommandations à adresser au conseil. Présents : {random.Next(6, 12)} membres."
                    : null,
            };
            if (held)
            {
                meeting.Outputs.Add(new BodyOutput { Kind = random.Next(3) == 0 ? OutputKind.Opinion : OutputKind.Recommendation, Title = $"{agenda} : recommandations au conseil" });
            }

            body.Meetings.Add(meeting);
            date = date.AddDays(random.Next(60, 120));
        }
    }

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo account seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
