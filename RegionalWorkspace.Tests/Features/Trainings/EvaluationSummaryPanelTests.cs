using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>The evaluation summary panel, with the real services (and event bus) of a running app behind it.</summary>
public sealed class EvaluationSummaryPanelTests : WorkspaceComponentTest, IClassFixture<AppHostFixture>
{
    private readonly AppHost _host;

    public EvaluationSummaryPanelTests(AppHostFixture fixture)
    {
        _host = fixture.Host;
        Services.AddSingleton(_host.Get<EvaluationService>());
        Services.AddSingleton(_host.Get<LiveUpdates>());
        Services.AddSingleton(_host.Get<AccessControl>());
        Services.AddSingleton(_host.Get<WorkspaceTime>());
        Services.AddSingleton(new CircuitSession(Microsoft.Extensions.Logging.Abstractions.NullLogger<CircuitSession>.Instance));
        UseCulture("fr");
    }

    private IStringLocalizer<Strings> L => Services.GetRequiredService<IStringLocalizer<Strings>>();

    [Fact]
    public async Task Session_NoAnswersThenOne_ShowsEmptyStateThenUpdatesLive()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(_host);
        var email = $"live.{Guid.NewGuid().ToString("N")[..8]}@example.ma";
        var participantId = await TrainingFixtures.RegisterAsync(_host, sessionId, TrainingFixtures.Person("Panneau Direct", email));
        await _host.Get<AttendanceService>().MarkAsync(await _host.PrincipalAsync("trainer@demo.ma"), sessionId, participantId, AttendanceStatus.Present);
        await SignInAsync("leadership@demo.ma");

        var panel = Render<EvaluationSummaryPanel>(p => p.Add(c => c.SessionId, sessionId));

        panel.WaitForElement("#evaluation-empty");
        Assert.Equal(L["EvaluationSummary.Answers", 0, 1].Value, panel.Find("#evaluation-count").TextContent);
        Assert.Equal($"http://localhost/e/{sessionId}", panel.Find("#evaluation-link").GetAttribute("href"));

        await _host.Get<EvaluationService>().SubmitAsync(sessionId,
            new EvaluationInput { Identifier = email, Content = 4, Trainer = 5, Organisation = 3, Comment = "Bien" }, "bunit-" + Guid.NewGuid());

        panel.WaitForAssertion(() => Assert.Equal(L["EvaluationSummary.Answers", 1, 1].Value, panel.Find("#evaluation-count").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(panel.FindAll("#evaluation-empty"));
        Assert.Equal(["4,0", "5,0", "3,0"], panel.FindAll(".evaluation-average").Select(a => a.TextContent));
        Assert.Equal("1", panel.Find("[data-criterion=content] [data-rating='4'] .seat-count").TextContent);
        Assert.Equal("Bien", panel.Find("#evaluation-comments .evaluation-comment .mud-typography-body2").TextContent);
    }

    [Fact]
    public async Task Programme_ShowsEachSession()
    {
        var trainings = _host.Get<TrainingsService>();
        var arm = await _host.PrincipalAsync("arm@demo.ma");
        var programmeId = await trainings.CreateProgrammeAsync(arm, TrainingFixtures.Programme("Panneau programme " + Guid.NewGuid().ToString("N")[..6]));
        var now = _host.Get<WorkspaceTime>().Now;
        var first = await trainings.CreateSessionAsync(arm, programmeId, await TrainingFixtures.SessionAsync(_host, now.AddDays(-2)));
        var second = await trainings.CreateSessionAsync(arm, programmeId, await TrainingFixtures.SessionAsync(_host, now.AddDays(5)));
        var email = $"prog.{Guid.NewGuid().ToString("N")[..8]}@example.ma";
        var participantId = await TrainingFixtures.RegisterAsync(_host, first, TrainingFixtures.Person("Programme Direct", email));
        await _host.Get<AttendanceService>().MarkAsync(await _host.PrincipalAsync("trainer@demo.ma"), first, participantId, AttendanceStatus.Late);
        await _host.Get<EvaluationService>().SubmitAsync(first, new EvaluationInput { Identifier = email, Content = 2, Trainer = 3, Organisation = 4 }, "bunit-" + Guid.NewGuid());
        await SignInAsync("officer.sm@demo.ma");

        var panel = Render<EvaluationSummaryPanel>(p => p.Add(c => c.ProgrammeId, programmeId));

        panel.WaitForElement("#evaluation-sessions", TimeSpan.FromSeconds(10));
        Assert.Empty(panel.FindAll("#evaluation-share"));
        Assert.Equal([first.ToString(), second.ToString()], panel.FindAll("#evaluation-sessions tbody tr").Select(r => r.GetAttribute("data-session")));
        Assert.Equal(["1 / 1", "2,0", "3,0", "4,0"], panel.FindAll($"#evaluation-sessions tr[data-session='{first}'] td.num").Select(td => td.TextContent));
        Assert.Equal(["0 / 0", "–", "–", "–"], panel.FindAll($"#evaluation-sessions tr[data-session='{second}'] td.num").Select(td => td.TextContent));
        Assert.Equal(L["EvaluationSummary.NoComments"].Value, panel.Find("#evaluation-no-comments").TextContent);
    }

    private async Task SignInAsync(string email)
    {
        var principal = await _host.PrincipalAsync(email);
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetClaims(principal.Claims.Where(c => c.Type == ClaimTypes.NameIdentifier).ToArray());
        // The panel follows changes only once interactive, as in a browser tab.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}
