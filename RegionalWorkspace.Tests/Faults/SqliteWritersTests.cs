using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.CheckIn;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// Forty writers at once on one SQLite file, through the real services, as different people: officers of two regions
/// and the administrator editing the same members (conflicts on purpose), adding members and meetings, a trainer
/// marking attendance while participants check themselves in. Every save either succeeds or is refused with a domain
/// error a user can read (a conflict, a refusal); no "database is locked" reaches anyone, and the audit chain holds.
/// </summary>
public sealed class SqliteWritersTests
{
    private const int Writers = 40;
    private const int SavesPerWriter = 8;
    private const int CheckInsPerWriter = 8;

    [Fact]
    public async Task FortyConcurrentWriters_EverySaveSucceedsOrIsRefusedWithADomainError()
    {
        await using var host = await AppHost.StartAsync();
        var bodies = host.Get<BodiesService>();
        var admin = await host.PrincipalAsync("admin@demo.ma");
        var officers = new Dictionary<string, ClaimsPrincipal>
        {
            ["RSK"] = await host.PrincipalAsync("officer.rsk@demo.ma"),
            ["SM"] = await host.PrincipalAsync("officer.sm@demo.ma"),
        };
        var trainer = await host.PrincipalAsync("trainer@demo.ma");
        var bodyIds = new Dictionary<string, int>
        {
            ["RSK"] = await host.BodyIdAsync("RSK", BodyKind.Youth),
            ["SM"] = await host.BodyIdAsync("SM", BodyKind.Youth),
        };
        var contested = new Dictionary<string, IReadOnlyList<MemberRow>>
        {
            ["RSK"] = (await bodies.ListMembersAsync(admin, bodyIds["RSK"], null, 0, 3)).Items,
            ["SM"] = (await bodies.ListMembersAsync(admin, bodyIds["SM"], null, 0, 3)).Items,
        };
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(host, capacity: Writers * CheckInsPerWriter);
        var participants = await TrainingFixtures.SeedRegisteredAsync(host, sessionId, (Writers / 4) * CheckInsPerWriter, "Participant Concurrence", "conc", "fault test");
        string secret;
        await using (var db = await host.CreateDbContextAsync())
        {
            secret = await db.TrainingSessions.Where(s => s.Id == sessionId).Select(s => s.CheckInSecret).SingleAsync();
        }

        var codes = host.Get<CheckInCodes>();
        var checkIns = host.Get<CheckInService>();
        var attendance = host.Get<AttendanceService>();
        var saved = 0;
        var refused = new ConcurrentBag<WorkspaceException>();
        var failures = new ConcurrentBag<Exception>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var start = new SemaphoreSlim(0, Writers);

        async Task SaveAsync(Func<Task> save)
        {
            try
            {
                await save();
                Interlocked.Increment(ref saved);
            }
            catch (WorkspaceException ex)
            {
                refused.Add(ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add(ex);
            }
        }

        // Each writer does one kind of work; all start together.
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await start.WaitAsync(deadline.Token);
            var region = w % 2 == 0 ? "RSK" : "SM";
            var principal = w % 8 == 0 ? admin : officers[region];
            switch (w % 4)
            {
                case 0:
                    // The same three members, edited from what each writer last read: many of these conflict.
                    for (var i = 0; i < SavesPerWriter && !deadline.IsCancellationRequested; i++)
                    {
                        var member = contested[region][i % 3];
                        await SaveAsync(async () =>
                        {
                            var row = (await bodies.ListMembersAsync(principal, bodyIds[region], member.FullName, 0, 5)).Items.First(m => m.Id == member.Id);
                            var input = MemberInput.From(row);
                            input.Organisation = $"Écrivain {w}, enregistrement {i}";
                            await bodies.UpdateMemberAsync(principal, member.Id, input, deadline.Token);
                        });
                    }

                    break;
                case 1:
                    for (var i = 0; i < SavesPerWriter && !deadline.IsCancellationRequested; i++)
                    {
                        await SaveAsync(() => bodies.AddMemberAsync(principal, bodyIds[region], new MemberInput
                        {
                            FullName = $"Membre {w}-{i} Concurrence",
                            Organisation = "Association locale",
                            SeatType = SeatType.CivilSociety,
                            Gender = i % 2 == 0 ? Gender.Female : Gender.Male,
                            MandateStart = new DateOnly(2026, 1, 1),
                        }, deadline.Token));
                    }

                    break;
                case 2:
                    for (var i = 0; i < SavesPerWriter && !deadline.IsCancellationRequested; i++)
                    {
                        await SaveAsync(() => bodies.AddMeetingAsync(principal, bodyIds[region], new MeetingInput
                        {
                            Date = new DateOnly(2026, 3, 1).AddDays(i),
                            Status = MeetingStatus.Held,
                            Agenda = $"Réunion {w}-{i}",
                        }, deadline.Token));
                    }

                    break;
                default:
                    // Participants check themselves in while the trainer marks some of the same people.
                    var mine = participants.Skip((w / 4) * CheckInsPerWriter).Take(CheckInsPerWriter).ToList();
                    foreach (var (participant, i) in mine.Select((p, i) => (p, i)))
                    {
                        if (deadline.IsCancellationRequested)
                        {
                            break;
                        }

                        if (i % 3 == 0)
                        {
                            await SaveAsync(() => attendance.MarkAsync(trainer, sessionId, participant.Id, AttendanceStatus.Excused, "Prévenu par téléphone", deadline.Token));
                        }

                        await SaveAsync(async () =>
                        {
                            var result = await checkIns.CheckInAsync(sessionId, codes.Current(secret).Code, participant.Email, $"10.0.{w}.{i}", deadline.Token);
                            if (!result.Succeeded)
                            {
                                throw new CheckInRefused(result.Refusal!.Value);
                            }
                        });
                    }

                    break;
            }
        })).ToList();
        start.Release(Writers);
        await Task.WhenAll(writers);

        Assert.False(deadline.IsCancellationRequested, "the writers did not finish within three minutes");
        Assert.True(failures.IsEmpty, $"{failures.Count} saves failed with an error that is not a refusal:\n{string.Join("\n---\n", failures.Take(3))}");
        Assert.DoesNotContain(failures, f => f.ToString().Contains("database is locked", StringComparison.OrdinalIgnoreCase));
        // Refusals are conflicts on the contested members, or check-ins of people the trainer had already excused.
        Assert.All(refused, r => Assert.True(
            r is ConcurrencyConflictException || r is CheckInRefused { Refusal: CheckInRefusal.Excused }, $"{r.GetType().Name}: {r.Message}"));
        Assert.True(saved > 0);

        await using var check = await host.CreateDbContextAsync();
        Assert.Equal((Writers / 4) * SavesPerWriter, await check.BodyMembers.CountAsync(m => m.FullName.EndsWith(" Concurrence")));
        Assert.Equal((Writers / 4) * SavesPerWriter, await check.BodyMeetings.CountAsync(m => m.Agenda.StartsWith("Réunion ")));
        Assert.Equal(participants.Count, await check.AttendanceMarks.CountAsync(m => m.SessionId == sessionId));
        var verification = await host.Get<RegionalWorkspace.Features.Audit.AuditVerifier>().VerifyAsync();
        Assert.True(verification.Intact, verification.ToString());
    }

    private sealed class CheckInRefused(CheckInRefusal refusal) : WorkspaceException("CheckIn.Refused." + refusal)
    {
        public CheckInRefusal Refusal { get; } = refusal;
    }
}
