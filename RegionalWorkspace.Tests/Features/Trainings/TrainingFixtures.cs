using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>Builds programmes, sessions and registrations through the real services (region 4 = Rabat-Salé-Kénitra).</summary>
public static class TrainingFixtures
{
    public const int Rsk = 4;

    public static ProgrammeInput Programme(string title = "Démocratie participative : les instances de l'article 117") => new()
    {
        Title = title,
        TitleAr = "الديمقراطية التشاركية",
        Objectives = "Comprendre le rôle des instances consultatives.",
        Organisers = Organisers.Arm | Organisers.Dgct,
        Audience = TrainingAudience.BodyMembers | TrainingAudience.CouncilStaff,
        Themes = "participation, pétitions",
    };

    /// <summary>A session starting at <paramref name="startsAtLocal"/> (Morocco time), in Rabat-Salé-Kénitra, given by trainer@demo.ma.</summary>
    public static async Task<SessionInput> SessionAsync(AppHost host, DateTime startsAtLocal, int capacity = 30, int durationMinutes = 180, int graceMinutes = 15)
    {
        var trainer = await host.Services.GetRequiredService<UserManager<RegionalWorkspace.Features.Accounts.AppUser>>().FindByEmailAsync("trainer@demo.ma");
        return new SessionInput
        {
            StartsAt = startsAtLocal,
            DurationMinutes = durationMinutes,
            Place = "Hôtel de la Région, Rabat",
            Capacity = capacity,
            GraceMinutes = graceMinutes,
            RegionIds = [Rsk],
            TrainerIds = [trainer!.Id],
        };
    }

    /// <summary>A programme and one session, created by the ARM coordinator; returns the session's id.</summary>
    public static async Task<int> CreateSessionAsync(AppHost host, DateTime startsAtLocal, int capacity = 30, int durationMinutes = 180, int graceMinutes = 15)
    {
        var trainings = host.Get<TrainingsService>();
        var arm = await host.PrincipalAsync("arm@demo.ma");
        var programmeId = await trainings.CreateProgrammeAsync(arm, Programme());
        return await trainings.CreateSessionAsync(arm, programmeId, await SessionAsync(host, startsAtLocal, capacity, durationMinutes, graceMinutes));
    }

    /// <summary>A session running now (started 5 minutes ago, in Morocco time).</summary>
    public static Task<int> CreateSessionRunningNowAsync(AppHost host, int capacity = 30, int graceMinutes = 15) =>
        CreateSessionAsync(host, host.Get<WorkspaceTime>().Now.AddMinutes(-5), capacity, graceMinutes: graceMinutes);

    public static ParticipantInput Person(string name, string? email = null, Gender gender = Gender.Female, int regionId = Rsk) => new()
    {
        FullName = name,
        Function = "Membre de l'instance",
        Organisation = "Conseil régional",
        Email = email,
        Gender = gender,
        Audience = ParticipantAudience.BodyMember,
        RegionId = regionId,
    };

    /// <summary>Registers a new participant (by the Rabat-Salé-Kénitra officer) and returns their participant id.</summary>
    public static async Task<int> RegisterAsync(AppHost host, int sessionId, ParticipantInput person)
    {
        await host.Get<RegistrationsService>().RegisterNewAsync(await host.PrincipalAsync("officer.rsk@demo.ma"), sessionId, person);
        await using var db = await host.CreateDbContextAsync();
        var email = person.Email?.Trim().ToLowerInvariant();
        return db.Participants.Where(p => email != null ? p.Email == email : p.FullName == person.FullName).Select(p => p.Id).First();
    }

    /// <summary>A participant written by <see cref="SeedRegisteredAsync"/>.</summary>
    public sealed record Seeded(int Id, string Email, string PersonalCode);

    /// <summary>
    /// <paramref name="count"/> participants of Rabat-Salé-Kénitra registered for the session, written straight to the
    /// database (fast, for benchmarks and fault tests): "{name} 000", "{tag}000@example.ma", personal code "{TAG}0000".
    /// </summary>
    public static async Task<List<Seeded>> SeedRegisteredAsync(AppHost host, int sessionId, int count, string name, string tag, string registeredBy)
    {
        await using var db = await host.CreateDbContextAsync();
        var people = Enumerable.Range(0, count).Select(i => new Participant
        {
            FullName = FormattableString.Invariant($"{name} {i:D3}"),
            Email = FormattableString.Invariant($"{tag}{i:D3}@example.ma"),
            Gender = i % 2 == 0 ? Gender.Female : Gender.Male,
            RegionId = Rsk,
            Audience = ParticipantAudience.BodyMember,
            PersonalCode = FormattableString.Invariant($"{tag.ToUpperInvariant()}{i:D4}"),
        }).ToList();
        db.Participants.AddRange(people);
        await db.SaveChangesAsync();
        db.Registrations.AddRange(people.Select(p => new Registration
        {
            SessionId = sessionId,
            ParticipantId = p.Id,
            Status = RegistrationStatus.Registered,
            CreatedAtUtc = DateTime.UtcNow,
            RegisteredBy = registeredBy,
        }));
        await db.SaveChangesAsync();
        return people.Select(p => new Seeded(p.Id, p.Email!, p.PersonalCode)).ToList();
    }
}
