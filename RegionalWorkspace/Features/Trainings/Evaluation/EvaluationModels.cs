using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

/// <summary>A participant's answer to the evaluation form: who they are (registered e-mail or personal code), three ratings, a comment.</summary>
public sealed class EvaluationInput
{
    public const int MaxComment = 2_000;

    public string? Identifier { get; set; }

    public int? Content { get; set; }

    public int? Trainer { get; set; }

    public int? Organisation { get; set; }

    public string? Comment { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Identifier), Identifier, required: true, max: 256);
        Rating(errors, nameof(Content), Content);
        Rating(errors, nameof(Trainer), Trainer);
        Rating(errors, nameof(Organisation), Organisation);
        InputRules.Text(errors, nameof(Comment), Comment, required: false, max: MaxComment, multiline: true);
        return errors;
    }

    private static void Rating(List<FieldError> errors, string field, int? value)
    {
        if (value is not (>= 1 and <= 5))
        {
            errors.Add(new(field, "Validation.Rating"));
        }
    }
}

/// <summary>When a session's form takes answers: from the session's start until some days after its end.</summary>
public enum EvaluationWindow
{
    Open,
    NotYet,
    Closed,
    Cancelled,
}

/// <summary>What the anonymous form shows about its session.</summary>
public sealed record EvaluationForm(
    int SessionId,
    string ProgrammeTitle,
    string? ProgrammeTitleAr,
    DateTime StartsAtUtc,
    string? Place,
    EvaluationWindow Window,
    DateTime ClosesAtUtc);

/// <summary>One criterion's answers: the average (none without answers) and how many gave 1, 2, 3, 4 and 5.</summary>
public sealed record CriterionSummary(double? Average, IReadOnlyList<int> Distribution)
{
    public static CriterionSummary Of(IReadOnlyCollection<int> ratings) => new(
        ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2),
        Enumerable.Range(1, 5).Select(r => ratings.Count(x => x == r)).ToList());
}

public sealed record EvaluationComment(int SessionId, DateTime SessionStartsAtUtc, DateTime SubmittedAtUtc, string Text);

/// <summary>The answers of one session, or of all of a programme's sessions together; comments newest first, without names.</summary>
public sealed record EvaluationSummary(
    int Answers,
    int Attendees,
    CriterionSummary Content,
    CriterionSummary Trainer,
    CriterionSummary Organisation,
    IReadOnlyList<EvaluationComment> Comments)
{
    public bool IsEmpty => Answers == 0;
}

/// <summary>One session's line in a programme's summary.</summary>
public sealed record SessionEvaluationLine(
    int SessionId,
    DateTime StartsAtUtc,
    string? Place,
    bool IsCancelled,
    int Answers,
    int Attendees,
    double? Content,
    double? Trainer,
    double? Organisation);

public sealed record ProgrammeEvaluationSummary(EvaluationSummary Overall, IReadOnlyList<SessionEvaluationLine> Sessions);
