using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Convention;

/// <summary>
/// The convention's figures equal what direct queries of the database give for the same period. The expected numbers
/// are computed here another way: rows read plainly, periods cut in local time with the time zone, counted in memory.
/// </summary>
public abstract class ConventionFiguresTestsBase(AppHost host)
{
    protected AppHost Host { get; } = host;

    private ConventionFiguresService Figures => Host.Get<ConventionFiguresService>();

    /// <summary>The demo data is laid out around today: this year holds some of everything.</summary>
    public static int ThisYear => ConventionExpectations.ThisYear;

    [Fact]
    public async Task Compute_ThisYear_EqualsDirectQueries()
    {
        var figures = await Figures.ComputeAsync(await Host.PrincipalAsync("leadership@demo.ma"), ThisYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var expected = await ConventionExpectations.ExpectedAsync(Host, ThisYear, figures.ComputedAtUtc);

        Assert.Equal(PeriodKind.Year, figures.Period.Kind);
        Assert.Equal(expected, ConventionExpectations.Actual(figures));
        Assert.True(figures.HasActivity);
        Assert.True(expected.MeetingsHeld > 0 && expected.PracticesPublished > 0 && expected.TrainingSessions > 0 && expected.Attended > 0
            && expected.ListeningSessions > 0 && expected.StudyMeetings > 0 && expected.StudyRequestsFiled > 0, $"the demo year has some of everything: {expected}");
    }

    [Fact]
    public async Task Compute_RegionsAndMonths_AddUpToTheTotals()
    {
        var figures = await Figures.ComputeAsync(await Host.PrincipalAsync("cese@demo.ma"), ConventionPeriod.ForYear(ThisYear));

        Assert.Equal(12, figures.Regions.Count);
        Assert.Equal(Enumerable.Range(1, 12), figures.Months.Select(m => m.Month));
        Assert.Equal(figures.Trainings.Attended, figures.Regions.Sum(r => r.TrainingParticipants));
        Assert.Equal(figures.Trainings.Attended, figures.Trainings.AttendedByGender.Values.Sum());
        Assert.Equal(figures.Trainings.Attended, figures.Trainings.AttendedByAudience.Values.Sum());
        Assert.Equal(figures.Bodies.MeetingsHeld, figures.Regions.Sum(r => r.BodyMeetingsHeld));
        Assert.Equal(figures.Bodies.MeetingsHeld, figures.Months.Sum(m => m.BodyMeetings));
        Assert.Equal(figures.Bodies.PracticesPublished, figures.Months.Sum(m => m.PracticesPublished));
        Assert.Equal(figures.Trainings.SessionsHeld, figures.Months.Sum(m => m.TrainingSessions));
        Assert.Equal(figures.Trainings.Attended, figures.Months.Sum(m => m.TrainingParticipants));
        Assert.Equal(figures.Listening.Contributions, figures.Regions.Sum(r => r.ListeningContributions));
        Assert.Equal(figures.Listening.Contributions, figures.Months.Sum(m => m.Contributions));
        Assert.Equal(figures.Studies.Filed, figures.Months.Sum(m => m.StudyRequestsFiled));
        Assert.Equal(figures.Meetings.MeetingsHeld, figures.Months.Sum(m => m.StudyMeetings));
        Assert.Equal(figures.Meetings.Actions, figures.Meetings.ActionsByStatus.Values.Sum());
        Assert.Equal(figures.Support.Actions, figures.Regions.Sum(r => r.SupportActions));
        Assert.Equal(figures.Support.Actions, figures.Support.ByTheme.Values.Sum());
        Assert.Equal(figures.Support.Started, figures.Months.Sum(m => m.SupportActionsStarted));
        Assert.Equal(figures.Studies.Requests.Count, figures.Studies.ByStatus.Values.Sum());
        Assert.Equal(figures.Trainings.Registered, figures.Trainings.ByStatus.Values.Sum() + figures.Trainings.Unmarked);
        Assert.Equal(figures.Trainings.Attended, figures.Trainings.Sessions.Sum(s => s.Attended));
    }

    [Fact]
    public async Task Compute_PeriodWithoutActivity_IsAllZeroButKeepsTheRegionsAndMonths()
    {
        var figures = await Figures.ComputeAsync(await Host.PrincipalAsync("arm@demo.ma"), "1995-T2");

        Assert.False(figures.HasActivity);
        Assert.Equal((0, 0, 0, 0, 0, 0), (figures.Bodies.MeetingsHeld, figures.Bodies.PracticesPublished, figures.Trainings.SessionsHeld, figures.Studies.Requests.Count, figures.Listening.SessionsHeld, figures.Meetings.MeetingsHeld));
        Assert.Null(figures.Trainings.AttendanceRate);
        Assert.Equal(12, figures.Regions.Count);
        Assert.Equal([4, 5, 6], figures.Months.Select(m => m.Month));
        Assert.All(figures.Regions, r => Assert.Equal(0, r.BodyMeetingsHeld + r.TrainingParticipants + r.ListeningContributions + r.StudyMeetings));
    }

    [Fact]
    public async Task Compute_SupportActions_CountThoseStartedOrStillRunningInThePeriod()
    {
        await using (var db = await Host.CreateDbContextAsync())
        {
            db.SupportActions.AddRange(
                Support(4, SupportTheme.Environmental, SupportStatus.Completed, new(2012, 2, 10), new(2012, 6, 30)),
                Support(4, SupportTheme.Social, SupportStatus.InProgress, new(2011, 9, 1), null),
                Support(9, SupportTheme.Economic, SupportStatus.Completed, new(2011, 3, 1), new(2012, 1, 15)),
                Support(9, SupportTheme.Economic, SupportStatus.Cancelled, new(2011, 5, 1), null),
                Support(9, SupportTheme.Economic, SupportStatus.Completed, new(2011, 5, 1), new(2011, 12, 31)),
                Support(1, SupportTheme.Social, SupportStatus.Planned, new(2012, 11, 5), null));
            await db.SaveChangesAsync();
        }

        var leadership = await Host.PrincipalAsync("leadership@demo.ma");
        var year = await Figures.ComputeAsync(leadership, "2012");
        var spring = await Figures.ComputeAsync(leadership, "2012-T2");

        Assert.Equal((4, 2, 2, 3), (year.Support.Actions, year.Support.Started, year.Support.Completed, year.Support.RegionsSupported));
        Assert.Equal((1, 2, 1), (year.Support.ByTheme[SupportTheme.Environmental], year.Support.ByTheme[SupportTheme.Social], year.Support.ByTheme[SupportTheme.Economic]));
        Assert.Equal((1, 1, 2, 0), (year.Support.ByStatus[SupportStatus.Planned], year.Support.ByStatus[SupportStatus.InProgress], year.Support.ByStatus[SupportStatus.Completed], year.Support.ByStatus[SupportStatus.Cancelled]));
        Assert.Equal((2, 1, 1), (year.Region(4)!.SupportActions, year.Region(9)!.SupportActions, year.Region(1)!.SupportActions));
        Assert.Equal(1, year.Months.Single(m => m.Month == 2).SupportActionsStarted);
        Assert.True(year.HasActivity);
        Assert.Equal((2, 0, 1), (spring.Support.Actions, spring.Support.Started, spring.Support.Completed));
    }

    private static SupportAction Support(int regionId, SupportTheme theme, SupportStatus status, DateOnly startsOn, DateOnly? endsOn) => new()
    {
        RegionId = regionId,
        Theme = theme,
        Kind = SupportKind.Coaching,
        TitleFr = $"Accompagnement {theme} {startsOn:yyyy-MM}",
        Description = "Accompagnement de la région dans une démarche participative.",
        SupportedBy = Organisers.Arm,
        Status = status,
        StartsOn = startsOn,
        EndsOn = endsOn,
        CreatedAtUtc = DateTime.UtcNow,
    };

    [Theory]
    [InlineData("officer.rsk@demo.ma", "Error.Forbidden")]
    [InlineData("officer.sm@demo.ma", "Error.Forbidden")]
    [InlineData("trainer@demo.ma", "Error.Forbidden")]
    public async Task Compute_ByAnOfficerOrATrainer_IsRefused(string email, string key)
    {
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(async () => await Figures.ComputeAsync(await Host.PrincipalAsync(email), "2026"));

        Assert.Equal(key, ex.Message);
    }

    [Theory]
    [InlineData("admin@demo.ma")]
    [InlineData("dgct@demo.ma")]
    public async Task Compute_ByThoseWhoFollowTheConvention_GivesTheSameFigures(string email)
    {
        var leadership = await Figures.ComputeAsync(await Host.PrincipalAsync("leadership@demo.ma"), "2026-T3");
        var other = await Figures.ComputeAsync(await Host.PrincipalAsync(email), "2026-T3");

        Assert.Equal(ConventionExpectations.Actual(leadership), ConventionExpectations.Actual(other));
    }

    [Fact]
    public async Task Compute_BadPeriod_IsAValidationError()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Figures.ComputeAsync(await Host.PrincipalAsync("leadership@demo.ma"), "2026-06-30..2026-01-01"));

        Assert.Equal("Validation.PeriodOrder", Assert.Single(ex.Errors).MessageKey);
    }
}

public sealed class ConventionFiguresSqliteTests(AppHostFixture fixture) : ConventionFiguresTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

public sealed class ConventionFiguresPostgresTests(PostgresAppHostFixture fixture) : ConventionFiguresTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;
