using System.Globalization;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Tests.Features.StudyMeetings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>CESE staff schedule a study meeting in one browser; an officer of an invited region sees it appear in another.</summary>
public sealed class StudyMeetingsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Refusal = "Cette publication n'a pas encore été approuvée par l'Assemblée générale";

    [Fact]
    public async Task Schedule_ByCeseStaff_AppearsLiveForTheInvitedRegion_AndAnUnapprovedPublicationIsRefused()
    {
        var approvedTitle = $"Avis sur la gouvernance territoriale {Guid.NewGuid():N}"[..48];
        var approved = await StudyMeetingFixtures.CreatePublicationAsync(Host, approved: true, approvedTitle);
        var officer = await Browser.NewPageAsync(Host);
        await officer.SignInAsync(StudyMeetingFixtures.RskOfficer, returnUrl: "/study-meetings");
        var staff = await Browser.NewPageAsync(Host);
        await staff.SignInAsync(StudyMeetingFixtures.Cese, returnUrl: "/study-meetings");
        await Assertions.Expect(officer.Locator(".meeting-link").Filter(new() { HasText = approvedTitle })).ToHaveCountAsync(0);

        var day = Host.Get<WorkspaceTime>().Now.Date.AddDays(12);
        await OpenScheduleAsync(staff, approvedTitle, day);
        await staff.Locator("#dialog-save").ClickAsync();

        await staff.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/study-meetings/\d+$"));
        await Assertions.Expect(staff.Locator("#meeting-title")).ToContainTextAsync(approvedTitle);
        await Assertions.Expect(staff.Locator("#meeting-regions")).ToContainTextAsync("Rabat-Salé-Kénitra");
        // No reload: the officer's list shows the new meeting as it is committed.
        var link = officer.Locator(".meeting-link").Filter(new() { HasText = approvedTitle });
        await Assertions.Expect(link).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await link.ClickAsync();
        await Assertions.Expect(officer.Locator("#meeting-when")).ToContainTextAsync(day.ToString("D", CultureInfo.GetCultureInfo("fr")));
        await Assertions.Expect(officer.Locator("#edit-meeting")).ToHaveCountAsync(0);
        await officer.Locator("#meeting-title a").ClickAsync();
        await Assertions.Expect(officer.Locator("#publication-title")).ToHaveTextAsync(approvedTitle);
        await Assertions.Expect(officer.Locator(".publication-approved")).ToContainTextAsync("session n° 42");
        await Assertions.Expect(officer.Locator("#publication-meetings .presenting-meeting")).ToHaveCountAsync(1);
        await Assertions.Expect(officer.Locator("#record-approval")).ToHaveCountAsync(0);

        // The dialog offers approved publications only; if the approval is withdrawn while it is open, the server refuses.
        var racedTitle = $"Étude sur l'eau et les territoires {Guid.NewGuid():N}"[..48];
        var raced = await StudyMeetingFixtures.CreatePublicationAsync(Host, approved: true, racedTitle);
        await staff.GotoInteractiveAsync("/study-meetings");
        await OpenScheduleAsync(staff, racedTitle, day);
        var cese = await Host.PrincipalAsync(StudyMeetingFixtures.Cese);
        var publications = Host.Get<PublicationsService>();
        await publications.WithdrawApprovalAsync(cese, raced, (await publications.GetAsync(cese, raced)).Row.Version);
        var before = await StudyMeetingFixtures.MeetingCountAsync(Host);

        await staff.Locator("#dialog-save").ClickAsync();

        await Assertions.Expect(staff.Locator(".mud-dialog")).ToContainTextAsync(Refusal);
        await Assertions.Expect(staff.Locator(".mud-dialog")).ToContainTextAsync(racedTitle);
        Assert.Equal(before, await StudyMeetingFixtures.MeetingCountAsync(Host));

        // And through the service, directly: the same refusal, nothing saved.
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Host.Get<StudyMeetingsService>().ScheduleAsync(cese, StudyMeetingFixtures.Meeting(raced, day.AddHours(10))));
        Assert.Equal("Validation.PublicationNotApproved", Assert.Single(error.Errors).MessageKey);
        Assert.Equal(before, await StudyMeetingFixtures.MeetingCountAsync(Host));
        Assert.NotEqual(approved, raced);
    }

    private static async Task OpenScheduleAsync(IPage staff, string publicationTitle, DateTime day)
    {
        await staff.Locator("#schedule-meeting").ClickAsync();
        await staff.Locator("#meeting-publication").ClickAsync();
        await staff.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = publicationTitle }).First.ClickAsync();
        await staff.Locator("#meeting-date").FillAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await staff.Locator("#meeting-date").PressAsync("Tab");
        await staff.Locator("#meeting-place").FillAsync("Siège du conseil régional, Rabat");
        await staff.Locator("#meeting-regions").ClickAsync();
        await staff.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Rabat-Salé-Kénitra" }).First.ClickAsync();
        await staff.CloseChoicesAsync("#meeting-regions");
    }
}
