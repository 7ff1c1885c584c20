using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>Session evaluations against the real app: who may answer, when, once; and the summaries.</summary>
public sealed partial class EvaluationTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private EvaluationService Evaluations => Host.Get<EvaluationService>();

    [Fact]
    public async Task Submit_PresentParticipant_SavedOnceAndAnnounced()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var email = Email("present");
        var participantId = await AttendeeAsync(sessionId, "Leila Amrani", email, AttendanceStatus.Present);
        var events = new List<WorkspaceEvent>();
        using var subscription = Host.Get<IWorkspaceBus>().Subscribe(e =>
        {
            lock (events)
            {
                events.Add(e);
            }
        });

        await Evaluations.SubmitAsync(sessionId, Answer(" " + email.ToUpperInvariant() + " ", 5, 4, 3, "  Très utile.  "), Client());

        await using var db = await Host.CreateDbContextAsync();
        var saved = await db.SessionEvaluations.AsNoTracking().SingleAsync(e => e.SessionId == sessionId);
        Assert.Equal((participantId, 5, 4, 3, "Très utile."), (saved.ParticipantId, saved.Content, saved.Trainer, saved.Organisation, saved.Comment));
        lock (events)
        {
            var announced = Assert.Single(events, e => e.EntityType == "Evaluation");
            Assert.Equal((sessionId, TrainingsService.SessionKey(sessionId), ""), (announced.EntityId, announced.Scope, announced.ActorName));
        }
    }

    [Fact]
    public async Task Submit_SecondAnswer_RefusedAndFirstKept()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var email = Email("twice");
        var participantId = await AttendeeAsync(sessionId, "Hamza Ziani", email, AttendanceStatus.Present);
        await Evaluations.SubmitAsync(sessionId, Answer(email, 2, 2, 2, null), Client());
        var code = await CodeAsync(participantId);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Evaluations.SubmitAsync(sessionId, Answer(code, 5, 5, 5, "Finalement excellent"), Client()));

        Assert.Equal("Evaluation.AlreadyAnswered", Assert.Single(refused.Errors).MessageKey);
        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal((2, null), await db.SessionEvaluations.Where(e => e.SessionId == sessionId).Select(e => ValueTuple.Create(e.Content, e.Comment)).SingleAsync());
    }

    [Fact]
    public async Task Submit_LateParticipantByPersonalCode_Saved()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var participantId = await AttendeeAsync(sessionId, "Sans Courriel " + Guid.NewGuid().ToString("N")[..6], null, AttendanceStatus.Late);
        var code = await CodeAsync(participantId);

        // Typed as people copy it: lower case, with a space and a hyphen.
        await Evaluations.SubmitAsync(sessionId, Answer($"{code[..4].ToLowerInvariant()} -{code[4..]}", 4, 5, 4, null), Client());

        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal(participantId, await db.SessionEvaluations.Where(e => e.SessionId == sessionId).Select(e => e.ParticipantId).SingleAsync());
    }

    [Fact]
    public async Task Submit_AbsentUnmarkedUnregisteredOrCancelled_RefusedAndNothingSaved()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var otherSessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var absent = Email("absent");
        var excused = Email("excused");
        var unmarked = Email("unmarked");
        var elsewhere = Email("elsewhere");
        var cancelled = Email("cancelled");
        await AttendeeAsync(sessionId, "Absente", absent, AttendanceStatus.Absent);
        await AttendeeAsync(sessionId, "Excusée", excused, AttendanceStatus.Excused);
        await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Pas encore pointée", unmarked));
        await AttendeeAsync(otherSessionId, "Autre session", elsewhere, AttendanceStatus.Present);
        var cancelledId = await AttendeeAsync(sessionId, "Annulée", cancelled, AttendanceStatus.Present);
        var registrations = Host.Get<RegistrationsService>();
        var registration = (await registrations.ListAsync(await Officer(), sessionId)).Single(r => r.ParticipantId == cancelledId);
        await registrations.CancelAsync(await Officer(), registration.Id);

        var refusals = new List<string>();
        foreach (var identifier in new[] { absent, excused, unmarked, elsewhere, cancelled, Email("unknown"), "ZZZZ9999" })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Evaluations.SubmitAsync(sessionId, Answer(identifier, 3, 3, 3, null), Client()));
            var error = Assert.Single(refused.Errors);
            Assert.Equal(nameof(EvaluationInput.Identifier), error.Field);
            refusals.Add(error.MessageKey);
        }

        Assert.Equal(
            ["Evaluation.NotAttended", "Evaluation.NotAttended", "Evaluation.NotAttended", "Evaluation.NotRecognised", "Evaluation.NotRecognised", "Evaluation.NotRecognised", "Evaluation.NotRecognised"],
            refusals);
        await using var db = await Host.CreateDbContextAsync();
        Assert.False(await db.SessionEvaluations.AnyAsync(e => e.SessionId == sessionId));
    }

    [Theory]
    [InlineData(0, 3, 3, "Content")]
    [InlineData(6, 3, 3, "Content")]
    [InlineData(3, 0, 3, "Trainer")]
    [InlineData(3, 3, 6, "Organisation")]
    [InlineData(3, -1, 3, "Trainer")]
    [InlineData(3, 3, null, "Organisation")]
    public async Task Submit_RatingOutOfRange_Refused(int? content, int? trainer, int? organisation, string field)
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var email = Email("range");
        await AttendeeAsync(sessionId, "Note invalide", email, AttendanceStatus.Present);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Evaluations.SubmitAsync(sessionId, new EvaluationInput { Identifier = email, Content = content, Trainer = trainer, Organisation = organisation }, Client()));

        Assert.Equal((field, "Validation.Rating"), Of(Assert.Single(refused.Errors)));
        await using var db = await Host.CreateDbContextAsync();
        Assert.False(await db.SessionEvaluations.AnyAsync(e => e.SessionId == sessionId));
    }

    [Fact]
    public async Task Submit_CommentTooLongOrNoIdentifier_Refused()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);

        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Evaluations.SubmitAsync(sessionId, Answer(Email("long"), 3, 3, 3, new string('x', EvaluationInput.MaxComment + 1)), Client()));
        var anonymous = await Assert.ThrowsAsync<ValidationFailedException>(() => Evaluations.SubmitAsync(sessionId, Answer("  ", 3, 3, 3, null), Client()));

        Assert.Equal(("Comment", "Validation.TooLong"), Of(Assert.Single(tooLong.Errors)));
        Assert.Equal(("Identifier", "Validation.Required"), Of(Assert.Single(anonymous.Errors)));
    }

    [Fact]
    public async Task Submit_BeforeTheSessionStarts_Refused()
    {
        var startsAt = Host.Get<WorkspaceTime>().Now.AddHours(2);
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, startsAt);
        var email = Email("early");
        await AttendeeAsync(sessionId, "Trop tôt", email, AttendanceStatus.Present);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Evaluations.SubmitAsync(sessionId, Answer(email, 4, 4, 4, null), Client()));

        Assert.Equal("Evaluation.NotYet", Assert.Single(refused.Errors).MessageKey);
        Assert.Equal(EvaluationWindow.NotYet, (await Evaluations.FormAsync(sessionId))!.Window);
    }

    [Fact]
    public async Task Submit_WithinThirtyDaysAfterTheEnd_SavedButNotAfter()
    {
        var now = Host.Get<WorkspaceTime>().Now;
        var recentId = await TrainingFixtures.CreateSessionAsync(Host, now.AddDays(-EvaluationService.OpenDaysAfterEnd + 1));
        var oldId = await TrainingFixtures.CreateSessionAsync(Host, now.AddDays(-EvaluationService.OpenDaysAfterEnd - 1));
        var recent = Email("recent");
        var old = Email("old");
        await AttendeeAsync(recentId, "Récente", recent, AttendanceStatus.Present);
        await AttendeeAsync(oldId, "Ancienne", old, AttendanceStatus.Present);

        await Evaluations.SubmitAsync(recentId, Answer(recent, 4, 4, 4, null), Client());
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Evaluations.SubmitAsync(oldId, Answer(old, 4, 4, 4, null), Client()));

        Assert.Equal("Evaluation.Closed", Assert.Single(refused.Errors).MessageKey);
        Assert.Equal((EvaluationWindow.Open, EvaluationWindow.Closed), ((await Evaluations.FormAsync(recentId))!.Window, (await Evaluations.FormAsync(oldId))!.Window));
    }

    [Fact]
    public async Task Submit_CancelledOrUnknownSession_Refused()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var email = Email("cancelled-session");
        await AttendeeAsync(sessionId, "Session annulée", email, AttendanceStatus.Present);
        await using (var db = await Host.CreateDbContextAsync())
        {
            await db.TrainingSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsCancelled, true));
        }

        var cancelled = await Assert.ThrowsAsync<ValidationFailedException>(() => Evaluations.SubmitAsync(sessionId, Answer(email, 4, 4, 4, null), Client()));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => Evaluations.SubmitAsync(999_999, Answer(email, 4, 4, 4, null), Client()));

        Assert.Equal("Evaluation.Cancelled", Assert.Single(cancelled.Errors).MessageKey);
        Assert.Equal("Evaluation.SessionNotFound", unknown.Message);
        Assert.Null(await Evaluations.FormAsync(999_999));
    }

    [Fact]
    public async Task Submit_TooManyAttemptsFromOneAddress_RefusedWhileOthersGoOn()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var client = Client();
        for (var i = 0; i < 60; i++)
        {
            var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() => Evaluations.SubmitAsync(sessionId, Answer($"guess{i}@example.ma", 0, 0, 0, null), client));
            Assert.NotEqual("Evaluation.TooManyAttempts", wrong.Errors[0].MessageKey);
        }

        var email = Email("patient");
        await AttendeeAsync(sessionId, "Patiente", email, AttendanceStatus.Present);

        var limited = await Assert.ThrowsAsync<ValidationFailedException>(() => Evaluations.SubmitAsync(sessionId, Answer(email, 4, 4, 4, null), client));
        await Evaluations.SubmitAsync(sessionId, Answer(email, 4, 4, 4, null), Client());

        Assert.Equal("Evaluation.TooManyAttempts", Assert.Single(limited.Errors).MessageKey);
    }

    [Fact]
    public async Task Summaries_PerSessionAndPerProgramme_CountAndAverage()
    {
        var trainings = Host.Get<TrainingsService>();
        var arm = await Host.PrincipalAsync("arm@demo.ma");
        var programmeId = await trainings.CreateProgrammeAsync(arm, TrainingFixtures.Programme("Budget participatif " + Guid.NewGuid().ToString("N")[..6]));
        var now = Host.Get<WorkspaceTime>().Now;
        var firstId = await trainings.CreateSessionAsync(arm, programmeId, await TrainingFixtures.SessionAsync(Host, now.AddDays(-3)));
        var secondId = await trainings.CreateSessionAsync(arm, programmeId, await TrainingFixtures.SessionAsync(Host, now.AddMinutes(-30)));
        var first = new[] { Email("s1a"), Email("s1b"), Email("s1c"), Email("s1d"), Email("s1e") };
        await AttendeeAsync(firstId, "S1 A", first[0], AttendanceStatus.Present);
        await AttendeeAsync(firstId, "S1 B", first[1], AttendanceStatus.Present);
        await AttendeeAsync(firstId, "S1 C", first[2], AttendanceStatus.Late);
        await AttendeeAsync(firstId, "S1 D", first[3], AttendanceStatus.Present);
        await AttendeeAsync(firstId, "S1 E", first[4], AttendanceStatus.Absent);
        var second = Email("s2a");
        await AttendeeAsync(secondId, "S2 A", second, AttendanceStatus.Present);
        var reader = await Host.PrincipalAsync("officer.sm@demo.ma");
        var empty = await Evaluations.SessionSummaryAsync(reader, firstId);

        await Evaluations.SubmitAsync(firstId, Answer(first[0], 5, 4, 3, "Très clair"), Client());
        await Evaluations.SubmitAsync(firstId, Answer(first[1], 4, 4, 2, null), Client());
        await Evaluations.SubmitAsync(firstId, Answer(first[2], 3, 5, 5, "Salle trop petite"), Client());
        await Evaluations.SubmitAsync(secondId, Answer(second, 1, 2, 3, "Trop court"), Client());
        var session = await Evaluations.SessionSummaryAsync(reader, firstId);
        var programme = await Evaluations.ProgrammeSummaryAsync(reader, programmeId);

        Assert.True(empty.IsEmpty);
        Assert.Equal((0, 4, null), (empty.Answers, empty.Attendees, empty.Content.Average));
        Assert.Equal((3, 4), (session.Answers, session.Attendees));
        Assert.Equal((4.0, 4.33, 3.33), (session.Content.Average, session.Trainer.Average, session.Organisation.Average));
        Assert.Equal([0, 0, 1, 1, 1], session.Content.Distribution);
        Assert.Equal([0, 0, 0, 2, 1], session.Trainer.Distribution);
        Assert.Equal([0, 1, 1, 0, 1], session.Organisation.Distribution);
        Assert.Equal(["Salle trop petite", "Très clair"], session.Comments.Select(c => c.Text));

        Assert.Equal((4, 5), (programme.Overall.Answers, programme.Overall.Attendees));
        Assert.Equal((3.25, 3.75, 3.25), (programme.Overall.Content.Average, programme.Overall.Trainer.Average, programme.Overall.Organisation.Average));
        Assert.Equal([1, 0, 1, 1, 1], programme.Overall.Content.Distribution);
        Assert.Equal(["Trop court", "Salle trop petite", "Très clair"], programme.Overall.Comments.Select(c => c.Text));
        Assert.Equal(
            [(firstId, 3, 4, (double?)4.0, (double?)4.33, (double?)3.33), (secondId, 1, 1, 1.0, 2.0, 3.0)],
            programme.Sessions.Select(s => (s.SessionId, s.Answers, s.Attendees, s.Content, s.Trainer, s.Organisation)));
    }

    [Fact]
    public async Task Summary_SignedOut_Refused()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Evaluations.SessionSummaryAsync(new ClaimsPrincipal(new ClaimsIdentity()), sessionId));

        Assert.Equal("Error.SignedOut", refused.Message);
    }

    [Fact]
    public async Task Page_AnonymousParticipant_AnswersThroughTheShortLink()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var email = Email("page");
        var participantId = await AttendeeAsync(sessionId, "Sur téléphone", email, AttendanceStatus.Present);
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        var form = await client.GetAsync($"/e/{sessionId}");
        var html = await form.Content.ReadAsStringAsync();
        var token = Token().Match(html).Groups[1].Value;
        using var post = await client.PostAsync($"/e/{sessionId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "evaluation",
            ["__RequestVerificationToken"] = token,
            ["Input.Identifier"] = email,
            ["Input.Content"] = "5",
            ["Input.Trainer"] = "4",
            ["Input.Organisation"] = "2",
            ["Input.Comment"] = "Merci",
        }));
        var thanks = await post.Content.ReadAsStringAsync();
        var again = await PostAsync(client, $"/trainings/sessions/{sessionId}/evaluation", token, email, "1", "1", "1");
        var missing = await PostAsync(client, $"/e/{sessionId}", token, email, "3", "", "3");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"Input.Content\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"evaluation-thanks\"", thanks, StringComparison.Ordinal);
        await using var db = await Host.CreateDbContextAsync();
        var saved = await db.SessionEvaluations.AsNoTracking().SingleAsync(e => e.SessionId == sessionId);
        Assert.Equal((participantId, 5, 4, 2, "Merci"), (saved.ParticipantId, saved.Content, saved.Trainer, saved.Organisation, saved.Comment));
        Assert.Contains("id=\"evaluation-error\"", again, StringComparison.Ordinal);
        Assert.Contains("Vous avez déjà évalué cette session", WebUtility.HtmlDecode(again), StringComparison.Ordinal);
        Assert.Matches("id=\"Trainer-error\"[^>]*>Choisissez une note de 1 à 5.<", WebUtility.HtmlDecode(missing));
        Assert.Single(db.SessionEvaluations.Where(e => e.SessionId == sessionId));
    }

    private static async Task<string> PostAsync(HttpClient client, string path, string token, string identifier, string content, string trainer, string organisation)
    {
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "evaluation",
            ["__RequestVerificationToken"] = token,
            ["Input.Identifier"] = identifier,
            ["Input.Content"] = content,
            ["Input.Trainer"] = trainer,
            ["Input.Organisation"] = organisation,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static EvaluationInput Answer(string identifier, int content, int trainer, int organisation, string? comment) =>
        new() { Identifier = identifier, Content = content, Trainer = trainer, Organisation = organisation, Comment = comment };

    private static string Email(string what) => $"{what}.{Guid.NewGuid().ToString("N")[..8]}@example.ma";

    private static (string Field, string Key) Of(FieldError error) => (error.Field, error.MessageKey);

    private static string Client() => "test-" + Guid.NewGuid().ToString("N");

    private Task<ClaimsPrincipal> Officer() => Host.PrincipalAsync("officer.rsk@demo.ma");

    /// <summary>Registers someone (by the Rabat-Salé-Kénitra officer) and has the session's trainer mark them.</summary>
    private async Task<int> AttendeeAsync(int sessionId, string name, string? email, AttendanceStatus status)
    {
        var participantId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person(name, email));
        await Host.Get<AttendanceService>().MarkAsync(await Host.PrincipalAsync("trainer@demo.ma"), sessionId, participantId, status);
        return participantId;
    }

    private async Task<string> CodeAsync(int participantId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Participants.Where(p => p.Id == participantId).Select(p => p.PersonalCode).SingleAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
