using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

public sealed partial class EvaluationPage
{
    private static readonly (string Field, string Label)[] s_criteria =
    [
        (nameof(EvaluationInput.Content), "Evaluation.Content"),
        (nameof(EvaluationInput.Trainer), "Evaluation.Trainer"),
        (nameof(EvaluationInput.Organisation), "Evaluation.Organisation"),
    ];

    private EvaluationForm? _form;
    private FormErrors _errors = default!;
    private bool _saved;

    [Inject]
    public required EvaluationService Evaluations { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IStringLocalizer<Strings> Localizer { get; init; }

    [Parameter]
    public int SessionId { get; set; }

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "evaluation")]
    private EvaluationInput Input { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        _errors = new FormErrors(Localizer);
        _form = await Evaluations.FormAsync(SessionId, HttpContext.RequestAborted);
    }

    // A form sent just as the session closed still reaches its handler, which says why it was refused.
    private bool IsPost => HttpMethods.IsPost(HttpContext.Request.Method);

    private async Task SubmitAsync()
    {
        try
        {
            var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            await Evaluations.SubmitAsync(SessionId, Input, client, HttpContext.RequestAborted);
            _saved = true;
        }
        catch (ValidationFailedException ex)
        {
            _errors.Set(ex.Errors);
        }
        catch (WorkspaceException ex)
        {
            _errors.SetGeneral(Localizer.Error(ex));
        }
    }

    private int? Value(string field) => field switch
    {
        nameof(EvaluationInput.Content) => Input.Content,
        nameof(EvaluationInput.Trainer) => Input.Trainer,
        _ => Input.Organisation,
    };

    private string WindowMessage(EvaluationForm form) => form.Window switch
    {
        EvaluationWindow.NotYet => Localizer["Evaluation.NotYetOn", Time.ToLocal(form.StartsAtUtc).ToString("f", System.Globalization.CultureInfo.CurrentCulture)],
        EvaluationWindow.Closed => Localizer["Evaluation.Closed"],
        _ => Localizer["Evaluation.Cancelled"],
    };
}
