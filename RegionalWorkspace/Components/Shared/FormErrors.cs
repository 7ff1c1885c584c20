using Microsoft.Extensions.Localization;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Components.Shared;

/// <summary>
/// The errors of one form, by field, localised; the same rules run in the browser's circuit before a save and in the
/// service during it, so a message always shows next to its field.
/// </summary>
public sealed class FormErrors(IStringLocalizer<Strings> l)
{
    private Dictionary<string, string> _byField = [];

    public string? General { get; private set; }

    public bool Any => _byField.Count > 0 || General is not null;

    public bool Has(string field) => _byField.ContainsKey(field);

    public string? For(string field) => _byField.GetValueOrDefault(field);

    public void Clear()
    {
        _byField = [];
        General = null;
    }

    /// <summary>Shows <paramref name="errors"/>; returns true when there were none.</summary>
    public bool Set(IEnumerable<FieldError> errors)
    {
        Clear();
        foreach (var error in errors)
        {
            if (error.Field.Length == 0)
            {
                General = l.Field(error);
            }
            else
            {
                _byField.TryAdd(error.Field, l.Field(error));
            }
        }

        return !Any;
    }

    public void SetGeneral(string message)
    {
        Clear();
        General = message;
    }
}
