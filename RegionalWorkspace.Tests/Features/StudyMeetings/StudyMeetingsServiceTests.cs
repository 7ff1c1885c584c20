using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.StudyMeetings.StudyMeetingFixtures;

namespace RegionalWorkspace.Tests.Features.StudyMeetings;

/// <summary>Study meetings: the General Assembly guard, who sees and runs them, attendance, minutes and follow-up, on a real database.</summary>
public abstract class StudyMeetingsServiceTestsBase(AppHost host)
{
    protected AppHost Host { get; } = host;

    private StudyMeetingsService Meetings => Host.Get<StudyMeetingsService>();

    private WorkspaceTime Time => Host.Get<WorkspaceTime>();

    private DateTime InTenDays => Time.Now.Date.AddDays(10).AddHours(10);

    [Fact]
    public async Task Schedule_UnapprovedPublication_IsRefusedWithTheMessage_AndNothingIsSaved()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var title = $"Avis sur l'économie sociale et solidaire {Guid.NewGuid():N}";
        var publicationId = await CreatePublicationAsync(Host, approved: false, title);
        var before = await MeetingCountAsync(Host);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.ScheduleAsync(cese, Meeting(publicationId, InTenDays)));

        var field = Assert.Single(error.Errors);
        Assert.Equal((nameof(StudyMeetingInput.PublicationId), "Validation.PublicationNotApproved"), (field.Field, field.MessageKey));
        Assert.Equal(before, await MeetingCountAsync(Host));
        var l = Host.Get<IStringLocalizer<Strings>>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Cultures.Get(Cultures.French);
            var message = l.Describe(error);
            Assert.StartsWith("Cette publication n'a pas encore été approuvée par l'Assemblée générale : ", message, StringComparison.Ordinal);
            Assert.Contains(title, message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Schedule_AfterApproval_Works_AndStoresTheStartInUtc()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var publicationId = await CreatePublicationAsync(Host, approved: false);
        await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.ScheduleAsync(cese, Meeting(publicationId, InTenDays)));

        await ApproveAsync(Host, publicationId);
        var id = await Meetings.ScheduleAsync(cese, Meeting(publicationId, InTenDays, Rsk, Sm));

        var meeting = await Meetings.GetAsync(cese, id);
        Assert.Equal(publicationId, meeting.Row.PublicationId);
        Assert.Equal(Time.ToUtc(InTenDays), meeting.Row.StartsAtUtc);
        Assert.Equal(InTenDays, Time.ToLocal(meeting.Row.StartsAtUtc));
        Assert.Equal([Rsk, Sm], meeting.Row.RegionIds);
        Assert.Contains((await Meetings.PublicationChoicesAsync(cese)), c => c.Id == publicationId);
    }

    [Fact]
    public async Task Update_SwitchingToAnUnapprovedPublication_IsRefused_AndTheMeetingIsUnchanged()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, InTenDays);
        var meeting = await Meetings.GetAsync(cese, id);
        var unapproved = await CreatePublicationAsync(Host, approved: false);
        var input = Meeting(unapproved, InTenDays.AddDays(1));
        input.Version = meeting.Row.Version;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.UpdateAsync(cese, id, input));

        Assert.Equal("Validation.PublicationNotApproved", Assert.Single(error.Errors).MessageKey);
        var after = await Meetings.GetAsync(cese, id);
        Assert.Equal((meeting.Row.PublicationId, meeting.Row.StartsAtUtc, meeting.Row.Version), (after.Row.PublicationId, after.Row.StartsAtUtc, after.Row.Version));
        Assert.DoesNotContain(await Meetings.PublicationChoicesAsync(cese), c => c.Id == unapproved);
    }

    [Fact]
    public async Task Reopen_ACancelledMeetingWhosePublicationLostItsApproval_IsRefused()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, InTenDays);
        var meeting = await Meetings.GetAsync(cese, id);
        await Meetings.SetCancelledAsync(cese, id, cancelled: true, meeting.Row.Version);
        var publications = Host.Get<PublicationsService>();
        await publications.WithdrawApprovalAsync(cese, meeting.Row.PublicationId, (await publications.GetAsync(cese, meeting.Row.PublicationId)).Row.Version);

        var cancelledVersion = (await Meetings.GetAsync(cese, id)).Row.Version;
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Meetings.SetCancelledAsync(cese, id, cancelled: false, cancelledVersion));

        Assert.Equal("Validation.PublicationNotApproved", Assert.Single(error.Errors).MessageKey);
        Assert.True((await Meetings.GetAsync(cese, id)).Row.IsCancelled);
    }

    [Fact]
    public async Task Schedule_BadInput_IsRefusedFieldByField()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var before = await MeetingCountAsync(Host);
        var input = new StudyMeetingInput { PublicationId = null, StartsAt = null, DurationMinutes = 5, OnlineLink = "ftp://x", RegionIds = [] };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.ScheduleAsync(cese, input));

        Assert.Equal(
            ["DurationMinutes:Validation.Range", "OnlineLink:Validation.Url", "PublicationId:Validation.Required", "RegionIds:Validation.RegionsRequired", "StartsAt:Validation.Required"],
            error.Errors.Select(e => $"{e.Field}:{e.MessageKey}").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(before, await MeetingCountAsync(Host));
    }

    [Theory]
    [InlineData(RskOfficer)]
    [InlineData("arm@demo.ma")]
    [InlineData("dgct@demo.ma")]
    [InlineData("admin@demo.ma")]
    [InlineData("leadership@demo.ma")]
    [InlineData("trainer@demo.ma")]
    public async Task Run_OtherThanCeseStaff_IsRefused(string email)
    {
        var user = await Host.PrincipalAsync(email);
        var publicationId = await CreatePublicationAsync(Host, approved: true);
        var id = await ScheduleAsync(Host, Time.Now.AddHours(-1), Rsk);
        var version = (await Meetings.GetAsync(await Host.PrincipalAsync(Cese), id)).Row.Version;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.ScheduleAsync(user, Meeting(publicationId, InTenDays)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.SetCancelledAsync(user, id, true, version));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.SaveMinutesAsync(user, id, new MinutesInput { Minutes = "x", Version = version }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.AddPersonAsync(user, id, TrainingFixtures.Person("Nadia Lahlou")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.AddActionAsync(user, id, Action("Rédiger une note", Rsk)));
    }

    [Fact]
    public async Task Officers_SeeOnlyTheMeetingsTheirRegionIsInvitedTo()
    {
        var id = await ScheduleAsync(Host, InTenDays, Rsk);
        var rsk = await Host.PrincipalAsync(RskOfficer);
        var sm = await Host.PrincipalAsync(SmOfficer);

        Assert.Equal(id, (await Meetings.GetAsync(rsk, id)).Row.Id);
        Assert.Contains((await Meetings.ListAsync(rsk, new StudyMeetingQuery { PageSize = 100 })).Items, m => m.Id == id);
        await Assert.ThrowsAsync<NotFoundException>(() => Meetings.GetAsync(sm, id));
        Assert.DoesNotContain((await Meetings.ListAsync(sm, new StudyMeetingQuery { PageSize = 100 })).Items, m => m.Id == id);
        Assert.Contains((await Meetings.ListAsync(await Host.PrincipalAsync("leadership@demo.ma"), new StudyMeetingQuery { PageSize = 100 })).Items, m => m.Id == id);
    }

    [Fact]
    public async Task List_SplitsUpcomingAndPast_ByTheEndOfTheMeeting()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var running = await ScheduleAsync(Host, Time.Now.AddMinutes(-30));
        var held = await ScheduleAsync(Host, Time.Now.AddDays(-3));

        var upcoming = (await Meetings.ListAsync(cese, new StudyMeetingQuery { PageSize = 100 })).Items.Select(m => m.Id).ToList();
        var past = (await Meetings.ListAsync(cese, new StudyMeetingQuery { Past = true, PageSize = 100 })).Items.Select(m => m.Id).ToList();

        Assert.Contains(running, upcoming);
        Assert.DoesNotContain(held, upcoming);
        Assert.Contains(held, past);
        Assert.DoesNotContain(running, past);
    }

    [Fact]
    public async Task FollowUp_BadInput_IsRefused_AndNothingIsSaved()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, InTenDays, Rsk);

        async Task<string> RefusalAsync(FollowUpInput input) => string.Join(" ",
            (await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.AddActionAsync(cese, id, input))).Errors
                .Select(e => $"{e.Field}:{e.MessageKey}").Order(StringComparer.Ordinal));

        Assert.Equal("Description:Validation.Required DueOn:Validation.Required Owner:Validation.Required",
            await RefusalAsync(new FollowUpInput { Description = " ", Owner = "", DueOn = null }));
        Assert.Equal("DueOn:Validation.DueBeforeMeeting", await RefusalAsync(Action("Installer le comité de suivi", Rsk, InTenDays.AddDays(-1))));
        Assert.Equal("RegionId:Validation.RegionNotInvited", await RefusalAsync(Action("Installer le comité de suivi", Sm)));
        Assert.Equal("Status:Validation.Choose", await RefusalAsync(new FollowUpInput { Description = "x", Owner = "y", DueOn = InTenDays, Status = (FollowUpStatus)9 }));
        Assert.Empty((await Meetings.GetAsync(cese, id)).Actions);

        var actionId = await Meetings.AddActionAsync(cese, id, Action("Installer le comité de suivi", Rsk, InTenDays.Date));
        Assert.Equal(actionId, Assert.Single((await Meetings.GetAsync(cese, id)).Actions).Id);
    }

    [Fact]
    public async Task FollowUpStatus_OfficerUpdatesTheirRegionsAction_ButNotAnotherRegionsOrAnUnownedOne()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, Time.Now.AddDays(-2), Rsk, Sm);
        var rskAction = await Meetings.AddActionAsync(cese, id, Action("Adapter le programme régional", Rsk));
        var smAction = await Meetings.AddActionAsync(cese, id, Action("Organiser un atelier à Agadir", Sm));
        var cesesAction = await Meetings.AddActionAsync(cese, id, Action("Envoyer la synthèse", null));
        var rsk = await Host.PrincipalAsync(RskOfficer);

        await Meetings.SetActionStatusAsync(rsk, rskAction, FollowUpStatus.InProgress, await VersionAsync(rskAction));

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Meetings.SetActionStatusAsync(rsk, smAction, FollowUpStatus.Done, await VersionAsync(smAction)));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Meetings.SetActionStatusAsync(rsk, cesesAction, FollowUpStatus.Done, await VersionAsync(cesesAction)));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Meetings.UpdateActionAsync(rsk, rskAction, Action("Réécrite", Rsk)));
        var actions = (await Meetings.GetAsync(cese, id)).Actions.ToDictionary(a => a.Id, a => a.Status);
        Assert.Equal((FollowUpStatus.InProgress, FollowUpStatus.Open, FollowUpStatus.Open), (actions[rskAction], actions[smAction], actions[cesesAction]));

        await Meetings.SetActionStatusAsync(cese, smAction, FollowUpStatus.Done, await VersionAsync(smAction));
        Assert.Equal(FollowUpStatus.Done, (await Meetings.GetAsync(cese, id)).Actions.Single(a => a.Id == smAction).Status);
    }

    [Fact]
    public async Task FollowUpStatus_OfficerOfARegionNotInvited_GetsNotFound()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, Time.Now.AddDays(-2), Rsk);
        var action = await Meetings.AddActionAsync(cese, id, Action("Adapter le programme régional", Rsk));

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Meetings.SetActionStatusAsync(await Host.PrincipalAsync(SmOfficer), action, FollowUpStatus.Done, await VersionAsync(action)));
    }

    [Fact]
    public async Task FollowUpStatus_OnAStaleVersion_IsAConflict()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, Time.Now.AddDays(-2), Rsk);
        var action = await Meetings.AddActionAsync(cese, id, Action("Adapter le programme régional", Rsk));
        var stale = await VersionAsync(action);
        await Meetings.SetActionStatusAsync(cese, action, FollowUpStatus.InProgress, stale);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Host.PrincipalAsync(RskOfficer).ContinueWith(t => Meetings.SetActionStatusAsync(t.Result, action, FollowUpStatus.Done, stale)).Unwrap());

        Assert.Equal(FollowUpStatus.InProgress, Assert.IsType<FollowUpInput>(conflict.Current).Status);
    }

    [Fact]
    public async Task FollowUp_PastItsDueDateAndNotDone_IsOverdue()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, Time.Now.AddDays(-20), Rsk);
        var late = await Meetings.AddActionAsync(cese, id, Action("Transmettre l'avis aux commissions", Rsk, Time.Now.Date.AddDays(-1)));
        var done = await Meetings.AddActionAsync(cese, id, Action("Publier le compte rendu", null, Time.Now.Date.AddDays(-5)));
        var dueToday = await Meetings.AddActionAsync(cese, id, Action("Préparer l'atelier", null, Time.Now.Date));
        await Meetings.SetActionStatusAsync(cese, done, FollowUpStatus.Done, await VersionAsync(done));

        var actions = (await Meetings.GetAsync(cese, id)).Actions.ToDictionary(a => a.Id, a => a.IsOverdue);

        Assert.Equal((true, false, false), (actions[late], actions[done], actions[dueToday]));
        Assert.Equal(2, (await Meetings.GetAsync(cese, id)).Row.OpenActions);
    }

    [Fact]
    public async Task Attendance_MembersOfInvitedCouncils_AndPeopleByName_AreMarked()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, Time.Now.AddMinutes(-20), Rsk);
        var choices = await Meetings.MemberChoicesAsync(cese, id);
        Assert.NotEmpty(choices);
        Assert.All(choices, c => Assert.Equal(Rsk, c.RegionId));
        var chosen = choices.Take(2).Select(c => c.BodyMemberId).ToList();

        await Meetings.AddMembersAsync(cese, id, chosen);
        await Meetings.AddPersonAsync(cese, id, TrainingFixtures.Person("Hajar Bennani", $"hajar.{Guid.NewGuid():N}@example.ma"));

        var attendance = (await Meetings.GetAsync(cese, id)).Attendance;
        Assert.Equal(3, attendance.Count);
        Assert.All(attendance, a => Assert.Null(a.Status));
        Assert.All((await Meetings.MemberChoicesAsync(cese, id)).Where(c => chosen.Contains(c.BodyMemberId)), c => Assert.True(c.AlreadyAdded));
        var statuses = new[] { AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Excused };
        foreach (var (row, status) in attendance.Zip(statuses))
        {
            await Meetings.MarkAsync(cese, row.Id, status);
        }

        var marked = (await Meetings.GetAsync(cese, id)).Attendance.ToDictionary(a => a.Id, a => a.Status);
        Assert.Equal(statuses.Cast<AttendanceStatus?>(), attendance.Select(a => marked[a.Id]));
        Assert.Equal(2, (await Meetings.GetAsync(cese, id)).Row.Attended);
        await Meetings.MarkAsync(cese, attendance[0].Id, AttendanceStatus.Absent);
        Assert.Equal(AttendanceStatus.Absent, (await Meetings.GetAsync(cese, id)).Attendance.Single(a => a.Id == attendance[0].Id).Status);
    }

    [Fact]
    public async Task Attendance_Refusals_OtherRegionMember_Twice_PresentBeforeTheStart()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await ScheduleAsync(Host, InTenDays, Rsk);
        await using (var db = await Host.CreateDbContextAsync())
        {
            var smMember = await db.BodyMembers.Where(m => m.Body!.RegionId == Sm).Select(m => m.Id).FirstAsync();
            var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.AddMembersAsync(cese, id, [smMember]));
            Assert.Equal("Validation.RegionNotInvited", Assert.Single(error.Errors).MessageKey);
        }

        var notInvited = await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.AddPersonAsync(cese, id, TrainingFixtures.Person("Said Naciri", regionId: Sm)));
        Assert.Equal("RegionId:Validation.RegionNotInvited", $"{Assert.Single(notInvited.Errors).Field}:{notInvited.Errors[0].MessageKey}");

        var member = (await Meetings.MemberChoicesAsync(cese, id))[0].BodyMemberId;
        await Meetings.AddMembersAsync(cese, id, [member]);
        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.AddMembersAsync(cese, id, [member]));
        Assert.Equal("Validation.AlreadyAttending", Assert.Single(twice.Errors).MessageKey);

        var row = Assert.Single((await Meetings.GetAsync(cese, id)).Attendance);
        var early = await Assert.ThrowsAsync<ValidationFailedException>(() => Meetings.MarkAsync(cese, row.Id, AttendanceStatus.Present));
        Assert.Equal("Validation.AttendanceBeforeStart", Assert.Single(early.Errors).MessageKey);
        await Meetings.MarkAsync(cese, row.Id, AttendanceStatus.Excused);
        Assert.Equal(AttendanceStatus.Excused, Assert.Single((await Meetings.GetAsync(cese, id)).Attendance).Status);
    }

    [Fact]
    public async Task Minutes_BeforeTheStart_AreRefused_AfterwardsSaved_AndAStaleSaveConflicts()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var upcoming = await ScheduleAsync(Host, InTenDays, Rsk);
        var early = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Meetings.SaveMinutesAsync(cese, upcoming, new MinutesInput { Minutes = "Trop tôt", Version = 1 }));
        Assert.Equal("Validation.MinutesBeforeStart", Assert.Single(early.Errors).MessageKey);

        var held = await ScheduleAsync(Host, Time.Now.AddDays(-1), Rsk);
        var version = (await Meetings.GetAsync(cese, held)).Row.Version;
        await Meetings.SaveMinutesAsync(cese, held, new MinutesInput { Minutes = "Présentation de l'avis.\nDébat avec les élus.", Version = version });

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Meetings.SaveMinutesAsync(cese, held, new MinutesInput { Minutes = "Autre version", Version = version }));
        Assert.Equal("Présentation de l'avis.\nDébat avec les élus.", Assert.IsType<MinutesInput>(conflict.Current).Minutes);
        Assert.Equal("Présentation de l'avis.\nDébat avec les élus.", (await Meetings.GetAsync(cese, held)).Minutes);
    }

    [Fact]
    public async Task Changes_ReachTheInvitedRegionsOnly()
    {
        var received = new List<WorkspaceEvent>();
        using var subscription = Host.Get<IWorkspaceBus>().Subscribe(e =>
        {
            if (e.Capability == Capability.StudyMeetings)
            {
                lock (received)
                {
                    received.Add(e);
                }
            }
        });

        var id = await ScheduleAsync(Host, InTenDays, Rsk);

        WorkspaceEvent created;
        lock (received)
        {
            created = received.Single(e => e.EntityId == id && e.Kind == ChangeKind.Created);
        }

        Assert.Equal((Audience.ConcernedRegions, StudyMeetingsService.MeetingKey(id)), (created.Audience, created.Scope));
        var rsk = new RegionalWorkspace.Features.Accounts.Actor("a", "a", RegionalWorkspace.Features.Accounts.WorkspaceRole.RegionalOfficer, Rsk);
        Assert.True(created.IsVisibleTo(rsk));
        Assert.False(created.IsVisibleTo(rsk with { RegionId = Sm }));
    }

    [Fact]
    public async Task Demo_HasAHeldMeetingWithAttendanceMinutesAndActions_AndAnUpcomingOne_OnApprovedPublications()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var past = (await Meetings.ListAsync(cese, new StudyMeetingQuery { Past = true, PageSize = 100 })).Items;
        var held = await Meetings.GetAsync(cese, past.Where(m => m.RegionIds.SequenceEqual([3, Rsk])).Select(m => m.Id).Min());
        Assert.NotNull(held.Minutes);
        Assert.NotEmpty(held.Attendance);
        Assert.Contains(held.Actions, a => a.IsOverdue && a.RegionId == Rsk);
        var upcoming = (await Meetings.ListAsync(await Host.PrincipalAsync(SmOfficer), new StudyMeetingQuery { PageSize = 100 })).Items;
        Assert.Contains(upcoming, m => m.RegionIds.SequenceEqual([8, Sm]) && !m.IsCancelled);
        var publications = await Host.Get<PublicationsService>().ListAsync(cese, new PublicationQuery { PageSize = 100 });
        Assert.Contains(publications.Items, p => !p.IsApproved);
        Assert.All(past.Concat(upcoming), m => Assert.True(publications.Items.Single(p => p.Id == m.PublicationId).IsApproved));
    }

    private static FollowUpInput Action(string description, int? regionId, DateTime? dueOn = null) => new()
    {
        Description = description,
        Owner = regionId is null ? "Secrétariat général du CESE" : "Direction générale des services du conseil régional",
        RegionId = regionId,
        DueOn = dueOn ?? DateTime.Today.AddDays(60),
        Status = FollowUpStatus.Open,
    };

    private async Task<int> VersionAsync(int actionId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.FollowUpActions.Where(a => a.Id == actionId).Select(a => a.Version).SingleAsync();
    }
}

public sealed class StudyMeetingsServiceTests(AppHostFixture fixture) : StudyMeetingsServiceTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

public sealed class StudyMeetingsServicePostgresTests(PostgresAppHostFixture fixture) : StudyMeetingsServiceTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;
