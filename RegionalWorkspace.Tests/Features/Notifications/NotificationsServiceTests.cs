using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Notifications;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Notifications;

/// <summary>Each account reads and marks its own notifications, and only its own tabs hear that they changed.</summary>
public sealed class NotificationsServiceTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private NotificationsService Notifications => Host.Get<NotificationsService>();

    [Fact]
    public async Task Notify_ListsNewestFirst_CountsUnread_AndMarksReadOneOrAll()
    {
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var trainerId = await Host.UserIdAsync("trainer@demo.ma");
        await Notifications.MarkAllReadAsync(trainer);
        var before = (await Notifications.ListMineAsync(trainer, 0, 100)).Total;

        await Notifications.NotifyAsync([trainerId, trainerId], "Notification.StudyFiled", ["Première\tavec tabulation", "Driss Mernissi"], "/studies/1");
        await Notifications.NotifyAsync([trainerId], "Notification.StudyAccepted", ["Seconde", "Leila Kabbaj"], "/studies/2");

        var page = await Notifications.ListMineAsync(trainer, 0, 2);
        Assert.Equal(before + 2, page.Total);
        Assert.Equal(2, await Notifications.UnreadCountAsync(trainer));
        Assert.Equal(["Notification.StudyAccepted", "Notification.StudyFiled"], page.Items.Select(n => n.MessageKey));
        Assert.Equal(["Première avec tabulation", "Driss Mernissi"], page.Items[1].Arguments);
        await Notifications.MarkReadAsync(trainer, page.Items[0].Id);
        Assert.Equal(1, await Notifications.UnreadCountAsync(trainer));
        Assert.Equal(1, await Notifications.MarkAllReadAsync(trainer));
        Assert.Equal(0, await Notifications.UnreadCountAsync(trainer));
        Assert.All((await Notifications.ListMineAsync(trainer, 0, 2)).Items, n => Assert.True(n.IsRead));
    }

    [Fact]
    public async Task AnotherAccountsNotification_CannotBeReadNorMarked()
    {
        var dgctId = await Host.UserIdAsync("dgct@demo.ma");
        await Notifications.NotifyAsync([dgctId], "Notification.StudyDeclined", ["Privée", "Leila Kabbaj"], "/studies/3");
        var dgct = await Host.PrincipalAsync("dgct@demo.ma");
        var theirs = (await Notifications.ListMineAsync(dgct, 0, 1)).Items.Single();
        var other = await Host.PrincipalAsync("officer.sm@demo.ma");

        await Assert.ThrowsAsync<NotFoundException>(() => Notifications.MarkReadAsync(other, theirs.Id));
        await Notifications.MarkAllReadAsync(other);

        Assert.DoesNotContain(theirs.Id, (await Notifications.ListMineAsync(other, 0, 100)).Items.Select(n => n.Id));
        Assert.False((await Notifications.ListMineAsync(dgct, 0, 1)).Items.Single().IsRead);
    }

    [Fact]
    public async Task Signal_IsHeardByTheRecipientsTabsOnly_AndCarriesNoContent()
    {
        var live = Host.Get<LiveUpdates>();
        var access = Host.Get<AccessControl>();
        var heard = new Dictionary<string, List<WorkspaceEvent>>();
        var subscriptions = new List<IDisposable>();
        foreach (var email in new[] { "leadership@demo.ma", "admin@demo.ma", "cese@demo.ma", "officer.rsk@demo.ma" })
        {
            var actor = (await access.FindActorAsync(await Host.PrincipalAsync(email)))!;
            var events = heard[email] = [];

            // The filter runs on the publisher's thread once visibility passed: what it sees is what the tab would get.
            subscriptions.Add(live.Subscribe(actor, e =>
            {
                if (NotificationsService.IsSignal(e))
                {
                    lock (events)
                    {
                        events.Add(e);
                    }
                }

                return false;
            }, _ => Task.CompletedTask));
        }

        try
        {
            await Notifications.NotifyAsync([await Host.UserIdAsync("leadership@demo.ma")], "Notification.StudyPublished", ["Secret de la direction", "Leila Kabbaj"], "/studies/9");
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }

        var signal = Assert.Single(heard["leadership@demo.ma"]);
        Assert.Empty(heard["admin@demo.ma"]);
        Assert.Empty(heard["cese@demo.ma"]);
        Assert.Empty(heard["officer.rsk@demo.ma"]);
        Assert.Equal((Audience.Recipient, "", "/notifications"), (signal.Audience, signal.Title, signal.Link));
        await using var db = await Host.CreateDbContextAsync();
        Assert.False(await db.Activity.AnyAsync(a => a.EntityType == NotificationsService.EntityType));
    }

    [Theory]
    [InlineData("/studies/4", "/studies/4")]
    [InlineData("//evil.example/x", "/notifications")]
    [InlineData("https://evil.example/", "/notifications")]
    [InlineData("/\\evil.example", "/notifications")]
    public void SafeLink_FollowsOnlyTheWorkspacesOwnPages(string link, string expected) =>
        Assert.Equal(expected, NotificationTexts.SafeLink(link));
}
