using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// Twenty regional officers (five in each of four regions) edit their regions' body members at the same time for
/// 60 seconds, through the same service calls the members page makes (optimistic versions, audit trail, live event),
/// on the real app with SQLite and with PostgreSQL. Each editor works as fast as it can on the records of its region,
/// knowing the versions its screen would show live; one save in ten adds a member. Measures acknowledged saves per
/// second and save times; asserts only correctness: every acknowledged save is in the final state (each record's
/// version counts its acknowledged updates and holds the last one's value; every added member exists), the audit
/// trail holds one entry per acknowledged save and verifies, and no error other than a visible conflict reached an
/// editor. Writes <c>docs/performance/load.md</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class EditorLoadBenchmarks(ITestOutputHelper output) : IClassFixture<EditorLoadReport>
{
    private const int Editors = 20;
    private const int EditorsPerRegion = 5;
    private const int MembersPerRegion = 12;
    private const int MaxSavesPerEditor = 50_000;
    private static readonly string[] s_regions = ["RSK", "SM", "FM", "TTA"];
    private static readonly TimeSpan s_duration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(10);

    /// <summary>The paced phase's offered load: above the 200 saves/s target, as twenty busy people would never reach.</summary>
    private const double PacedSavesPerSecond = 250;

    private sealed record Ack(int MemberId, int Version, string Organisation, bool Added);

    private sealed record Editor(int Index, ClaimsPrincipal Principal, int RegionId, int BodyId);

    [Fact]
    public Task TwentyEditors_Sqlite() => RunAsync(DatabaseProvider.Sqlite);

    [Fact]
    public Task TwentyEditors_Postgres() => RunAsync(DatabaseProvider.Postgres);

    private async Task RunAsync(DatabaseProvider provider)
    {
        await using var host = await AppHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Error",
            ["Accounts:RevalidationInterval"] = "00:00:05",
        });
        var editors = await EditorsAsync(host);
        var known = await MembersAsync(host, editors);
        var initial = known.ToDictionary(p => p.Key, p => p.Value.Version);
        long auditBefore;
        await using (var db = await host.CreateDbContextAsync())
        {
            auditBefore = await db.AuditEntries.LongCountAsync(e => e.EntityType == nameof(BodyMember));
        }

        var acks = new ConcurrentBag<Ack>();
        var failures = new ConcurrentBag<string>();
        // Warm-up (not reported, but reconciled): code paths compiled, pools and the thread pool grown.
        await PhaseAsync(provider, host, editors, known, PacedSavesPerSecond, s_warmUp, acks, failures);
        var paced = await PhaseAsync(provider, host, editors, known, PacedSavesPerSecond, s_duration, acks, failures);
        var flatOut = await PhaseAsync(provider, host, editors, known, null, s_duration, acks, failures);

        // Reconcile the final state with the log of acknowledged saves (both phases).
        var lost = new List<string>();
        await using (var db = await host.CreateDbContextAsync())
        {
            var bodyIds = editors.Select(e => e.BodyId).Distinct().ToList();
            var stored = await db.BodyMembers.AsNoTracking().Where(m => bodyIds.Contains(m.BodyId))
                .Select(m => new { m.Id, m.Version, m.Organisation }).ToDictionaryAsync(m => m.Id);
            foreach (var group in acks.Where(a => !a.Added).GroupBy(a => a.MemberId))
            {
                var row = stored[group.Key];
                var last = group.MaxBy(a => a.Version)!;
                if (row.Version != initial[group.Key] + group.Count() || row.Organisation != last.Organisation)
                {
                    lost.Add($"member {group.Key}: version {row.Version} for {group.Count()} saves from {initial[group.Key]}, '{row.Organisation}' where the last save wrote '{last.Organisation}'");
                }
            }

            foreach (var added in acks.Where(a => a.Added))
            {
                if (!stored.TryGetValue(added.MemberId, out var row) || (row.Version == 1 && row.Organisation != added.Organisation))
                {
                    lost.Add($"added member {added.MemberId} missing or changed");
                }
            }

            var auditAfter = await db.AuditEntries.LongCountAsync(e => e.EntityType == nameof(BodyMember));
            if (auditAfter - auditBefore != acks.Count)
            {
                lost.Add($"{auditAfter - auditBefore} audit entries for {acks.Count} acknowledged saves");
            }
        }

        var verification = await host.Get<AuditVerifier>().VerifyAsync();
        foreach (var phase in new[] { paced, flatOut })
        {
            var result = phase with { Lost = lost.Count, AuditIntact = verification.Intact };
            EditorLoadReport.Write(result);
            output.WriteLine(result.Line());
        }

        foreach (var failure in failures.GroupBy(f => f).Take(5))
        {
            output.WriteLine($"{failure.Count()} × {failure.Key}");
        }

        Assert.True(acks.Count > 0, "no save was acknowledged");
        Assert.Empty(failures.Distinct());
        Assert.Empty(lost);
        Assert.True(verification.Intact, $"audit chain broken at {verification.FirstBroken}");
    }

    /// <summary>
    /// <paramref name="duration"/> of saves by every editor: at <paramref name="savesPerSecond"/> in all (each editor on its own
    /// schedule, staggered; an editor behind schedule saves at once), or as fast as they can when null.
    /// </summary>
    private static async Task<EditorLoadResult> PhaseAsync(DatabaseProvider provider, AppHost host, List<Editor> editors, ConcurrentDictionary<int, MemberView> known,
        double? savesPerSecond, TimeSpan duration, ConcurrentBag<Ack> acks, ConcurrentBag<string> failures)
    {
        var bodies = host.Get<BodiesService>();
        var saveTimes = new ConcurrentBag<double>();
        var lateTimes = new ConcurrentBag<double>();
        var conflictTimes = new ConcurrentBag<double>();
        var acked = 0;
        var added = 0;
        var failed = 0;
        var interval = savesPerSecond is { } rate ? TimeSpan.FromSeconds(editors.Count / rate) : TimeSpan.Zero;
        var machine = await MachineLoad.SampleAsync();
        var cpu = CpuMeter.Start();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);

        await Task.WhenAll(editors.Select(editor => Task.Run(async () =>
        {
            var random = new Random(editor.Index);
            var pool = known.Where(p => p.Value.BodyId == editor.BodyId).Select(p => p.Key).ToList();
            var offset = interval * editor.Index / editors.Count;
            for (var n = 0; n < MaxSavesPerEditor && !stop.IsCancellationRequested; n++)
            {
                var due = offset + (interval * n);
                if (savesPerSecond is not null && due > clock.Elapsed)
                {
                    try
                    {
                        await Task.Delay(due - clock.Elapsed, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                var organisation = $"Association {editor.Index:00}-{(savesPerSecond is null ? "F" : "P")}{n:00000}";
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (n % 10 == 9)
                    {
                        var id = await bodies.AddMemberAsync(editor.Principal, editor.BodyId, Input($"Nouveau membre {editor.Index}-{organisation}", organisation, 0));
                        Record(started, due);
                        acks.Add(new Ack(id, 1, organisation, Added: true));
                        Interlocked.Increment(ref added);
                        continue;
                    }

                    var memberId = pool[random.Next(pool.Count)];
                    var seen = known[memberId];
                    await bodies.UpdateMemberAsync(editor.Principal, memberId, Input(seen.FullName, organisation, seen.Version));
                    Record(started, due);
                    acks.Add(new Ack(memberId, seen.Version + 1, organisation, Added: false));
                    // What every open members page shows live after the save.
                    known.AddOrUpdate(memberId, seen with { Version = seen.Version + 1 }, (_, now) => now.Version > seen.Version + 1 ? now : seen with { Version = seen.Version + 1 });
                }
                catch (ConcurrencyConflictException conflict)
                {
                    // Refused visibly (the dialog shows the stored values); the editor goes on from them.
                    conflictTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    var id = ((MemberRow)conflict.Current!).Id;
                    known.AddOrUpdate(id, _ => throw new InvalidOperationException("unknown member"), (_, now) => now.Version >= conflict.CurrentVersion ? now : now with { Version = conflict.CurrentVersion });
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failed);
                    failures.Add($"{e.GetType().Name}: {e.Message}");
                }
            }
        })));

        var elapsed = clock.Elapsed;
        var usage = cpu.Stop();
        var times = new LatencySamples();
        times.AddRange(saveTimes);
        var late = new LatencySamples();
        late.AddRange(lateTimes);
        var conflicts = new LatencySamples();
        conflicts.AddRange(conflictTimes);
        return new EditorLoadResult(provider, savesPerSecond, editors.Count, elapsed, acked, added, conflicts.Count, failed,
            times.Percentile(50), times.Percentile(95), times.Percentile(99), times.Max, late.Percentile(95), conflicts.Percentile(95), 0, true, usage, machine);

        void Record(long started, TimeSpan due)
        {
            var now = clock.Elapsed;
            saveTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // From the moment the editor meant to save (coordinated omission: a late start counts as waiting).
            lateTimes.Add(savesPerSecond is null ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : (now - due).TotalMilliseconds);
            Interlocked.Increment(ref acked);
        }
    }

    private static MemberInput Input(string fullName, string organisation, int version) => new()
    {
        FullName = fullName,
        Organisation = organisation,
        SeatType = SeatType.CivilSociety,
        Gender = Gender.Female,
        MandateStart = new DateOnly(2025, 1, 1),
        MandateEnd = new DateOnly(2029, 12, 31),
        Version = version,
    };

    /// <summary>Five officer accounts per region, each editing the region's youth body.</summary>
    private static async Task<List<Editor>> EditorsAsync(AppHost host)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var db = await host.CreateDbContextAsync();
        var editors = new List<Editor>();
        foreach (var (code, r) in s_regions.Select((c, r) => (c, r)))
        {
            var regionId = await db.Regions.Where(x => x.Code == code).Select(x => x.Id).SingleAsync();
            var bodyId = await host.BodyIdAsync(code, BodyKind.Youth);
            for (var i = 0; i < EditorsPerRegion; i++)
            {
                var index = (r * EditorsPerRegion) + i;
                var user = new AppUser
                {
                    UserName = $"editor{index}@load.ma",
                    Email = $"editor{index}@load.ma",
                    EmailConfirmed = true,
                    DisplayName = $"Agent {index:00} {code}",
                    RegionId = regionId,
                };
                Check(await users.CreateAsync(user, "Load-2026!"));
                Check(await users.AddToRoleAsync(user, nameof(WorkspaceRole.RegionalOfficer)));
                editors.Add(new Editor(index, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email)], "Load")), regionId, bodyId));
            }
        }

        return editors;
    }

    /// <summary>Each region's youth body with <see cref="MembersPerRegion"/> members (demo members plus added ones), as the page lists them.</summary>
    private static async Task<ConcurrentDictionary<int, MemberView>> MembersAsync(AppHost host, List<Editor> editors)
    {
        var bodies = host.Get<BodiesService>();
        var known = new ConcurrentDictionary<int, MemberView>();
        foreach (var editor in editors.DistinctBy(e => e.BodyId))
        {
            var rows = (await bodies.ListMembersAsync(editor.Principal, editor.BodyId, null, 0, 100)).Items;
            for (var i = rows.Count; i < MembersPerRegion; i++)
            {
                await bodies.AddMemberAsync(editor.Principal, editor.BodyId, Input($"Membre {i} {editor.RegionId}", "Association", 0));
            }

            foreach (var m in (await bodies.ListMembersAsync(editor.Principal, editor.BodyId, null, 0, 100)).Items.Take(MembersPerRegion))
            {
                known[m.Id] = new MemberView(editor.BodyId, m.FullName, m.Version);
            }
        }

        return known;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    private sealed record MemberView(int BodyId, string FullName, int Version);
}

public sealed record EditorLoadResult(
    DatabaseProvider Provider,
    double? Pace,
    int Editors,
    TimeSpan Elapsed,
    int Saves,
    int Added,
    int Conflicts,
    int Failures,
    double P50,
    double P95,
    double P99,
    double Max,
    double ScheduleP95,
    double ConflictP95,
    int Lost,
    bool AuditIntact,
    CpuUsage Cpu,
    MachineLoad Machine)
{
    public const double SavesTarget = 200;
    public const double P95Target = 50;

    public double SavesPerSecond => Saves / Elapsed.TotalSeconds;

    public string Phase => Pace is { } pace ? FormattableString.Invariant($"paced, {pace:0} saves/s offered") : "flat out";

    public bool MeetsTarget => SavesPerSecond >= SavesTarget && P95 <= P95Target && ScheduleP95 <= P95Target && Lost == 0;

    public string Line() => FormattableString.Invariant(
        $"{Provider} {Phase}: {Saves} saves ({Added} added) in {Elapsed.TotalSeconds:0.0} s = {SavesPerSecond:0} saves/s, p50 {LatencySamples.Ms(P50)}, p95 {LatencySamples.Ms(P95)} (from the planned moment {LatencySamples.Ms(ScheduleP95)}), p99 {LatencySamples.Ms(P99)}, {Conflicts} conflicts, {Failures} errors, {Lost} lost");
}

/// <summary>Collects the runs of a session and writes <c>docs/performance/load.md</c>.</summary>
public sealed class EditorLoadReport
{
    private static readonly List<EditorLoadResult> s_results = [];
    private static readonly DateTime s_startedUtc = DateTime.UtcNow;

#if DEBUG
    private const string Configuration = "Debug (figures from a Release build, as ./bench.sh makes, are the ones to compare)";
#else
    private const string Configuration = "Release";
#endif

    public static string Path => System.IO.Path.Combine(FanOutReport.RepositoryRoot(), "docs", "performance", "load.md");

    public static void Write(EditorLoadResult result)
    {
        lock (s_results)
        {
            s_results.RemoveAll(r => r.Provider == result.Provider && r.Pace == result.Pace);
            s_results.Add(result);
            var text = new StringBuilder();
            text.AppendLine("# Twenty concurrent editors");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Produced by `./bench.sh --filter \"FullyQualifiedName~EditorLoadBenchmarks\"`, run started {s_startedUtc:yyyy-MM-dd HH:mm} UTC, {Configuration}, {Environment.ProcessorCount} cores.");
            text.AppendLine();
            text.AppendLine("Twenty regional officers (five in each of four regions) save their regions' body members for 60 s, as fast as");
            text.AppendLine("they can, through the service calls the members page makes: optimistic versions, the audit trail written in the");
            text.AppendLine("save's transaction, a live event per save. One save in ten adds a member. A save refused because another editor");
            text.AppendLine("saved the same member first is a conflict the editor sees, not a lost update. At the end every acknowledged save");
            text.AppendLine("is reconciled with the database (each member's version counts its acknowledged updates and holds the last one's");
            text.AppendLine("value; every added member exists) and with the audit trail (one entry per acknowledged save; the chain verifies).");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Target (SQLite): at least {EditorLoadResult.SavesTarget:0} saves/s with p95 at most {EditorLoadResult.P95Target:0} ms (both the save itself and from the planned moment), and zero lost updates.");
            text.AppendLine();
            text.AppendLine("Each database runs two phases on the same data: **paced**, the twenty editors together offered 250 saves/s (each on");
            text.AppendLine("its own staggered schedule; an editor behind schedule saves at once, and \"from the planned moment\" counts that wait), then");
            text.AppendLine("**flat out**, each editor saving again as soon as its last save returned (the ceiling; there the save time is mostly");
            text.AppendLine("the queue of twenty writers: p50 ≈ 20 / throughput).");
            text.AppendLine();
            text.AppendLine("| Database | Phase | Saves | Saves/s | p50 | p95 | p95 from the planned moment | p99 | max | Conflicts (p95) | Errors | Lost | Audit chain | CPU (app+editors) | Machine busy | Others before | Target |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|");
            foreach (var r in s_results.OrderBy(r => r.Provider).ThenBy(r => r.Pace is null))
            {
                var met = r.Provider == DatabaseProvider.Sqlite && r.Pace is not null
                    ? (r.MeetsTarget ? "met" : "not met")
                    : (r.Lost == 0 ? "(no target) nothing lost" : "LOST UPDATES");
                text.AppendLine(FormattableString.Invariant(
                    $"| {r.Provider} | {r.Phase} | {r.Saves} ({r.Added} added) | {r.SavesPerSecond:0} | {LatencySamples.Ms(r.P50)} | {LatencySamples.Ms(r.P95)} | {LatencySamples.Ms(r.ScheduleP95)} | {LatencySamples.Ms(r.P99)} | {LatencySamples.Ms(r.Max)} | {r.Conflicts} ({LatencySamples.Ms(r.ConflictP95)}) | {r.Failures} | {r.Lost} | {(r.AuditIntact ? "intact" : "BROKEN")} | {r.Cpu.ProcessPercentOfAllCores:0} % | {r.Cpu.DescribeMachine()} | {(r.Machine.OthersPercent is { } others ? Math.Max(others, 0) : 0):0} % | {met} |"));
            }

            File.WriteAllText(Path, text.ToString());
        }
    }
}
