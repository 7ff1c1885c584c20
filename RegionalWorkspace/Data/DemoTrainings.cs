using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Data;

/// <summary>
/// Demo trainings (C2), placed relative to the moment the demo starts: a session in progress in Rabat-Salé-Kénitra
/// (half its people already marked, so the board and the dashboard have something to show), a full upcoming session
/// with a waiting list, a session held two months ago, and an online workshop.
/// </summary>
public static class DemoTrainings
{
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.TrainingProgrammes.AnyAsync(ct))
        {
            return;
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var trainer = await db.Users.SingleAsync(u => u.Email == "trainer@demo.ma", ct);
        var now = DateTime.UtcNow;
        var inProgressStart = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute / 15 * 15, 0, DateTimeKind.Utc).AddMinutes(-30);

        var participation = new TrainingProgramme
        {
            Title = "Démocratie participative : le rôle des instances de l'article 117",
            TitleAr = "الديمقراطية التشاركية: دور هيئات المادة 117",
            Objectives = "Maîtriser le cadre juridique des instances consultatives, préparer un avis pour le conseil régional, suivre les recommandations.",
            Organisers = Organisers.Arm | Organisers.Dgct,
            Audience = TrainingAudience.BodyMembers | TrainingAudience.CouncilStaff,
            Themes = "instances consultatives, avis, suivi des recommandations",
            UpdatedBy = "Démo",
        };
        var petitions = new TrainingProgramme
        {
            Title = "Pétitions et consultations citoyennes : atelier conjoint",
            TitleAr = "العرائض والتشاور مع المواطنين: ورشة مشتركة",
            Objectives = "Recevoir, instruire et répondre aux pétitions ; organiser une consultation publique en ligne.",
            Organisers = Organisers.Cese | Organisers.Arm,
            Audience = TrainingAudience.CouncilMembers | TrainingAudience.CouncilStaff,
            Themes = "pétitions, participation numérique",
            UpdatedBy = "Démo",
        };
        db.TrainingProgrammes.AddRange(participation, petitions);

        var running = Session(participation, inProgressStart, 240, "Hôtel de la Région, Rabat", null, 25, [regions["RSK"]], trainer.Id);
        var full = Session(participation, now.Date.AddDays(21).AddHours(8), 360, "Siège du conseil régional, Agadir", null, 6, [regions["SM"], regions["DT"]], trainer.Id);
        var held = Session(participation, now.Date.AddDays(-60).AddHours(8), 360, "Siège du conseil régional, Marrakech", null, 20, [regions["MS"]], trainer.Id);
        var online = Session(petitions, now.Date.AddDays(35).AddHours(9), 150, null, "https://visio.example.ma/ateliers-petitions", 40, [regions["RSK"], regions["FM"], regions["ORI"]], trainer.Id);
        db.TrainingSessions.AddRange(running, full, held, online);
        await db.SaveChangesAsync(ct);

        var codes = new HashSet<string>(await db.Participants.Select(p => p.PersonalCode).ToListAsync(ct));
        await RegisterMembersAsync(db, running, regions["RSK"], 18, codes, ct);
        await RegisterMembersAsync(db, full, regions["SM"], 5, codes, ct);
        await RegisterMembersAsync(db, full, regions["DT"], 3, codes, ct);
        await RegisterMembersAsync(db, held, regions["MS"], 12, codes, ct);
        await RegisterMembersAsync(db, online, regions["FM"], 6, codes, ct);
        AddNamed(db, running, regions["RSK"], codes, ("Nadia Amrani", "nadia.amrani@example.ma", "Cheffe de service, participation citoyenne"), ("Omar Bennani", "omar.bennani@example.ma", "Chargé de mission, DGCT"));
        await db.SaveChangesAsync(ct);

        // Half of the running session already marked by the trainer; everyone at the held session marked.
        var statuses = new[] { AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Present, AttendanceStatus.Excused };
        Mark(db, running, await RosterAsync(db, running.Id, ct), 9, statuses, trainer.DisplayName, inProgressStart.AddMinutes(5));
        Mark(db, held, await RosterAsync(db, held.Id, ct), int.MaxValue, [.. statuses, AttendanceStatus.Absent], trainer.DisplayName, held.StartsAtUtc.AddMinutes(10));
        await db.SaveChangesAsync(ct);
    }

    private static TrainingSession Session(TrainingProgramme programme, DateTime startsAtUtc, int minutes, string? place, string? link, int capacity, int[] regionIds, string trainerId)
    {
        var session = new TrainingSession
        {
            Programme = programme,
            StartsAtUtc = startsAtUtc,
            DurationMinutes = minutes,
            Place = place,
            OnlineLink = link,
            Capacity = capacity,
            GraceMinutes = 15,
            CheckInSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            UpdatedBy = "Démo",
        };
        session.Regions.AddRange(regionIds.Select(id => new SessionRegion { RegionId = id }));
        session.Trainers.Add(new SessionTrainer { UserId = trainerId });
        return session;
    }

    private static async Task RegisterMembersAsync(AppDbContext db, TrainingSession session, int regionId, int count, HashSet<string> codes, CancellationToken ct)
    {
        var members = await db.BodyMembers.Where(m => m.Body!.RegionId == regionId).OrderBy(m => m.Id).Take(count)
            .Select(m => new { m.Id, m.FullName, m.Organisation, m.Gender }).ToListAsync(ct);
        var known = await db.Participants.Where(p => p.BodyMemberId != null).ToDictionaryAsync(p => p.BodyMemberId!.Value, ct);
        var registered = await db.Registrations.CountAsync(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Registered, ct);
        foreach (var member in members)
        {
            var participant = known.GetValueOrDefault(member.Id) ?? new Participant
            {
                FullName = member.FullName,
                Organisation = member.Organisation,
                Gender = member.Gender,
                RegionId = regionId,
                Audience = ParticipantAudience.BodyMember,
                BodyMemberId = member.Id,
                PersonalCode = NewCode(codes),
            };
            var status = registered < session.Capacity ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;
            registered += status == RegistrationStatus.Registered ? 1 : 0;
            db.Registrations.Add(new Registration
            {
                SessionId = session.Id,
                Participant = participant,
                Status = status,
                CreatedAtUtc = session.StartsAtUtc.AddDays(-10).AddMinutes(registered),
                RegisteredBy = "Démo",
                InvitedAtUtc = session.StartsAtUtc.AddDays(-9),
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static void AddNamed(AppDbContext db, TrainingSession session, int regionId, HashSet<string> codes, params (string Name, string Email, string Function)[] people)
    {
        foreach (var (name, email, function) in people)
        {
            db.Registrations.Add(new Registration
            {
                SessionId = session.Id,
                Participant = new Participant
                {
                    FullName = name,
                    Email = email,
                    Function = function,
                    Organisation = "Conseil régional de Rabat-Salé-Kénitra",
                    Gender = name.StartsWith("Nadia", StringComparison.Ordinal) ? Features.Bodies.Gender.Female : Features.Bodies.Gender.Male,
                    RegionId = regionId,
                    Audience = ParticipantAudience.CouncilStaff,
                    PersonalCode = NewCode(codes),
                },
                Status = RegistrationStatus.Registered,
                CreatedAtUtc = session.StartsAtUtc.AddDays(-5),
                RegisteredBy = "Démo",
            });
        }
    }

    private static async Task<List<int>> RosterAsync(AppDbContext db, int sessionId, CancellationToken ct) =>
        await db.Registrations.Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered && r.Participant!.Email == null)
            .OrderBy(r => r.Participant!.FullName).Select(r => r.ParticipantId).ToListAsync(ct);

    private static void Mark(AppDbContext db, TrainingSession session, List<int> participantIds, int count, AttendanceStatus[] cycle, string by, DateTime at) =>
        db.AttendanceMarks.AddRange(participantIds.Take(count).Select((id, i) => new AttendanceMark
        {
            SessionId = session.Id,
            ParticipantId = id,
            Status = cycle[i % cycle.Length],
            Source = MarkSource.Trainer,
            MarkedBy = by,
            MarkedAtUtc = at.AddMinutes(i),
        }));

    private static string NewCode(HashSet<string> codes)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        while (true)
        {
            var code = string.Create(8, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
                }
            });
            if (codes.Add(code))
            {
                return code;
            }
        }
    }
}
