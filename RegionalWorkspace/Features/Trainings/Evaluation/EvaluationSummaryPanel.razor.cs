using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

public sealed partial class EvaluationSummaryPanel
{
    private const int CommentsShown = 20;

    private EvaluationSummary? _summary;
    private IReadOnlyList<SessionEvaluationLine>? _sessions;
    private HashSet<string> _scopes = [];
    private string? _error;
    private bool _allComments;
    private (int?, int?) _loaded;

    [Inject]
    public required EvaluationService Evaluations { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>Show this session's results (and the link to its form).</summary>
    [Parameter]
    public int? SessionId { get; set; }

    /// <summary>Show the results of all this programme's sessions, and each session's averages.</summary>
    [Parameter]
    public int? ProgrammeId { get; set; }

    private string ShareUrl => $"{Navigation.BaseUri}e/{SessionId}";

    private IEnumerable<EvaluationComment> ShownComments => _allComments ? _summary!.Comments : _summary!.Comments.Take(CommentsShown);

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (SessionId, ProgrammeId))
        {
            return;
        }

        _loaded = (SessionId, ProgrammeId);
        (_summary, _sessions, _error) = (null, null, null);
        await LoadAsync();
        // Answers, attendance marks and registrations of the sessions shown all change the figures.
        await FollowAsync(e => e.Capability == Capability.Trainings && (e.EntityType == "Session" || (e.Scope is { } scope && _scopes.Contains(scope))), LoadAsync);
    }

    private async Task LoadAsync()
    {
        try
        {
            var user = await UserAsync();
            if (SessionId is { } sessionId)
            {
                _summary = await Evaluations.SessionSummaryAsync(user, sessionId);
                _scopes = [TrainingsService.SessionKey(sessionId)];
            }
            else if (ProgrammeId is { } programmeId)
            {
                var programme = await Evaluations.ProgrammeSummaryAsync(user, programmeId);
                (_summary, _sessions) = (programme.Overall, programme.Sessions);
                _scopes = programme.Sessions.Select(s => TrainingsService.SessionKey(s.SessionId)).ToHashSet();
            }

            _error = null;
        }
        catch (WorkspaceException ex)
        {
            _error = L.Error(ex);
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", ShareUrl);
            Snackbar.Add(L["EvaluationSummary.Copied"], Severity.Success);
        }
        catch (JSException)
        {
            // No clipboard outside a secure context (plain http on another host): the link stays there to select.
            Snackbar.Add(L["EvaluationSummary.CopyFailed"], Severity.Warning);
        }
    }

    private static string Average(double? average) => average?.ToString("0.0", CultureInfo.CurrentCulture) ?? "–";

    private string Share(int count) =>
        (_summary is { Answers: > 0 } s ? (double)count / s.Answers : 0).ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    private string When(EvaluationComment comment) => _sessions is null
        ? Time.ToLocal(comment.SubmittedAtUtc).ToString("g", CultureInfo.CurrentCulture)
        : L["EvaluationSummary.CommentOfSession", Time.ToLocal(comment.SessionStartsAtUtc).ToString("d", CultureInfo.CurrentCulture)];
}
