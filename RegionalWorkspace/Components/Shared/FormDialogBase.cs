using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Components.Shared;

/// <summary>A field's label and its value as shown to the user, for comparing two versions of a record.</summary>
public sealed record FieldValue(string Label, string? Value);

/// <summary>One row of the conflict table: the stored value (saved by the other person) beside the user's own.</summary>
public sealed record ConflictRow(string Label, string? Theirs, string? Mine)
{
    public bool Differs => !string.Equals(Theirs ?? "", Mine ?? "", StringComparison.Ordinal);
}

/// <summary>
/// What every edit dialog does around its fields: check the input (the service's own rules), save, and either close
/// or show why not: field errors, a refusal, or a conflict with someone else's save, shown field by field with a
/// choice to reload theirs, re-apply one's own on top, or cancel. Nothing is lost on a refusal. While the dialog is
/// open, others see "X is editing" on the record (<see cref="RecordKey"/>).
/// </summary>
public abstract class FormDialogBase<TInput> : ComponentBase, IDisposable
    where TInput : class
{
    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Inject]
    public required IStringLocalizer<Strings> Localizer { get; init; }

    [Inject]
    public required PresenceRegistry Presence { get; init; }

    [Inject]
    public required CircuitSession Session { get; init; }

    protected FormErrors Errors => field ??= new FormErrors(Localizer);

    protected bool Saving { get; private set; }

    protected ConcurrencyConflictException? Conflict { get; private set; }

    /// <summary>The values being edited.</summary>
    protected abstract TInput Input { get; set; }

    /// <summary>The record being edited (e.g. <c>member:45</c>); null when creating.</summary>
    protected virtual string? RecordKey => null;

    protected IReadOnlyList<ConflictRow> ConflictRows =>
        Conflict?.Current is { } stored
            ? Fields(FromStored(stored)).Zip(Fields(Input), (theirs, mine) => new ConflictRow(theirs.Label, theirs.Value, mine.Value)).ToList()
            : [];

    /// <summary>The fields of <paramref name="values"/>, labelled and formatted, in form order.</summary>
    protected abstract IEnumerable<FieldValue> Fields(TInput values);

    /// <summary>The stored values a conflict carries, as this form's input.</summary>
    protected abstract TInput FromStored(object stored);

    /// <summary>Bases the next save on <paramref name="version"/>.</summary>
    protected abstract void Rebase(int version);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RecordKey is not null)
        {
            Presence.SetEditing(Session.Id, RecordKey);
        }
    }

    protected Task SubmitAsync(Func<List<FieldError>> validate, Func<Task> save) => SubmitAsync(validate, async () =>
    {
        await save();
        return true;
    });

    /// <summary>Checks, saves, and closes the dialog with what <paramref name="save"/> returns (e.g. a new record's id).</summary>
    protected async Task SubmitAsync(Func<List<FieldError>> validate, Func<Task<object>> save)
    {
        if (!Errors.Set(validate()))
        {
            return;
        }

        Saving = true;
        try
        {
            var result = await save();
            Dialog.Close(DialogResult.Ok(result));
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
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // The database is down or unreachable: the save did not happen; the form keeps what was typed.
            Errors.SetGeneral(Localizer["Error.DatabaseUnavailable"]);
        }
        finally
        {
            Saving = false;
        }
    }

    protected void Cancel() => Dialog.Cancel();

    /// <summary>Reload: the form takes the values now stored (the other person's save).</summary>
    protected void TakeTheirs()
    {
        if (Conflict is { Current: { } stored })
        {
            Input = FromStored(stored);
        }

        Conflict = null;
        Errors.Clear();
    }

    /// <summary>Re-apply: keep what the user typed and base the next save on the stored version, so it goes on top.</summary>
    protected void KeepMine()
    {
        if (Conflict is not null)
        {
            Rebase(Conflict.CurrentVersion);
        }

        Conflict = null;
    }

    protected string Label(string key) => Localizer[key];

    protected string EnumLabel<TEnum>(TEnum? value)
        where TEnum : struct, System.Enum => value is { } v ? Localizer.Enum(v) : "";

    protected static string FormatDate(DateOnly? value) => value?.ToString("d", System.Globalization.CultureInfo.CurrentCulture) ?? "";

    public void Dispose()
    {
        if (RecordKey is not null)
        {
            Presence.SetEditing(Session.Id, null);
        }

        GC.SuppressFinalize(this);
    }
}
