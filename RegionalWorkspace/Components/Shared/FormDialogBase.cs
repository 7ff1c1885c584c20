using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Components.Shared;

/// <summary>
/// What every edit dialog does around its fields: check the input (the service's own rules), save, and either close
/// or show why not (field errors, a refusal, or a conflict with someone else's save). Nothing is lost on a refusal:
/// the dialog stays open with what the user typed.
/// </summary>
public abstract class FormDialogBase : ComponentBase
{
    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Inject]
    public required IStringLocalizer<Strings> Localizer { get; init; }

    protected FormErrors Errors => field ??= new FormErrors(Localizer);

    protected bool Saving { get; private set; }

    protected ConcurrencyConflictException? Conflict { get; private set; }

    protected async Task SubmitAsync(Func<List<FieldError>> validate, Func<Task> save)
    {
        if (!Errors.Set(validate()))
        {
            return;
        }

        Saving = true;
        try
        {
            await save();
            Dialog.Close(DialogResult.Ok(true));
        }
        catch (ValidationFailedException ex)
        {
            Errors.Set(ex.Errors);
        }
        catch (ConcurrencyConflictException ex)
        {
            Conflict = ex;
        }
        catch (WorkspaceException ex)
        {
            Errors.SetGeneral(Localizer.Error(ex));
        }
        finally
        {
            Saving = false;
        }
    }

    protected void Cancel() => Dialog.Cancel();

    /// <summary>Replace the form with the values now stored (the other person's save).</summary>
    protected void TakeTheirs()
    {
        if (Conflict is { Current: { } current })
        {
            LoadStored(current);
        }

        Conflict = null;
        Errors.Clear();
    }

    /// <summary>Keep what the user typed and base the next save on the stored version: their changes go on top.</summary>
    protected void KeepMine()
    {
        if (Conflict is not null)
        {
            Rebase(Conflict.CurrentVersion);
        }

        Conflict = null;
    }

    protected abstract void LoadStored(object current);

    protected abstract void Rebase(int version);
}
