using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Data;

/// <summary>
/// Demo study meetings (C6), relative to the moment the demo starts: one held three weeks ago in Rabat-Salé-Kénitra and
/// Fès-Meknès (attendance, minutes, follow-up actions, one of them overdue), and one upcoming in Souss-Massa and
/// Drâa-Tafilalet. Run after <see cref="DemoPublications"/>; only approved publications are presented.
/// </summary>
public static class DemoStudyMeetings
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.StudyMeetings.AnyAsync(ct))
        {
            return;
        }

        var approved = await db.Publications.Where(p => p.AssemblySessionNumber != null && p.AssemblyApprovedOn != null)
            .OrderByDescending(p => p.AssemblyApprovedOn).Select(p => p.Id).Take(2).ToListAsync(ct);
        if (approved.Count == 0)
        {
            return;
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var cese = await db.Users.Where(u => u.Email == "cese@demo.ma").Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "Démo";
        var now = DateTime.UtcNow;
        var heldStart = now.Date.AddDays(-21).AddHours(9);
        db.Actor = cese;

        var held = new StudyMeeting
        {
            PublicationId = approved[^1],
            StartsAtUtc = heldStart,
            DurationMinutes = 180,
            Place = "Siège du conseil régional, Rabat",
            Minutes = "Présentation de l'avis par le rapporteur de la commission, suivie d'un débat avec les élus et les membres des instances consultatives.\n"
                + "Les participants ont souligné le besoin d'outils de suivi partagés et proposé un atelier technique par région.",
        };
        held.InvitedRegions.AddRange([new StudyMeetingRegion { RegionId = regions["RSK"] }, new StudyMeetingRegion { RegionId = regions["FM"] }]);
        held.Actions.AddRange(
        [
            new FollowUpAction
            {
                Description = "Transmettre aux commissions du conseil régional une note de mise en œuvre des recommandations",
                Owner = "Direction générale des services, conseil régional de Rabat-Salé-Kénitra",
                RegionId = regions["RSK"],
                DueOn = DateOnly.FromDateTime(now.AddDays(-3)),
                Status = FollowUpStatus.InProgress,
            },
            new FollowUpAction
            {
                Description = "Organiser un atelier technique avec l'instance de l'équité et de l'égalité des chances",
                Owner = "Conseil régional de Fès-Meknès",
                RegionId = regions["FM"],
                DueOn = DateOnly.FromDateTime(now.AddDays(30)),
                Status = FollowUpStatus.Open,
            },
            new FollowUpAction
            {
                Description = "Diffuser la synthèse de la réunion aux conseils invités",
                Owner = "Secrétariat général du CESE",
                DueOn = DateOnly.FromDateTime(heldStart.AddDays(7)),
                Status = FollowUpStatus.Done,
            },
        ]);

        var upcoming = new StudyMeeting
        {
            PublicationId = approved[0],
            StartsAtUtc = now.Date.AddDays(18).AddHours(9).AddMinutes(30),
            DurationMinutes = 150,
            Place = "Siège du conseil régional, Agadir",
            OnlineLink = "https://visio.example.ma/cese-reunion-etude",
        };
        upcoming.InvitedRegions.AddRange([new StudyMeetingRegion { RegionId = regions["SM"] }, new StudyMeetingRegion { RegionId = regions["DT"] }]);
        db.StudyMeetings.AddRange(held, upcoming);
        await db.SaveChangesAsync(ct);

        await AddAttendanceAsync(db, held, regions["RSK"], 6, cese, ct);
        await AddAttendanceAsync(db, held, regions["FM"], 4, cese, ct);
        await AddAttendanceAsync(db, upcoming, regions["SM"], 5, cese, ct);
    }

    /// <summary>Body members of a region on the attendance list; at a held meeting, marked (mostly present).</summary>
    private static async Task AddAttendanceAsync(AppDbContext db, StudyMeeting meeting, int regionId, int count, string recordedBy, CancellationToken ct)
    {
        var members = await db.BodyMembers.Where(m => m.Body!.RegionId == regionId).OrderBy(m => m.Id).Take(count)
            .Select(m => new { m.Id, m.FullName, m.Organisation, m.Gender }).ToListAsync(ct);
        var ids = members.Select(m => m.Id).ToList();
        var known = await db.Participants.Where(p => p.BodyMemberId != null && ids.Contains(p.BodyMemberId.Value)).ToDictionaryAsync(p => p.BodyMemberId!.Value, ct);
        var codes = new HashSet<string>(await db.Participants.Select(p => p.PersonalCode).ToListAsync(ct));
        AttendanceStatus?[] statuses = [AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Present, AttendanceStatus.Excused, AttendanceStatus.Absent];
        var held = meeting.StartsAtUtc < DateTime.UtcNow;
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
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
            db.StudyMeetingAttendance.Add(new StudyMeetingAttendance
            {
                StudyMeetingId = meeting.Id,
                Participant = participant,
                Status = held ? statuses[i % statuses.Length] : null,
                RecordedBy = recordedBy,
                RecordedAtUtc = held ? meeting.StartsAtUtc.AddMinutes(20) : meeting.StartsAtUtc.AddDays(-7),
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static string NewCode(HashSet<string> codes)
    {
        while (true)
        {
            var code = new string(Enumerable.Range(0, 8).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]).ToArray());
            if (codes.Add(code))
            {
                return code;
            }
        }
    }
}
