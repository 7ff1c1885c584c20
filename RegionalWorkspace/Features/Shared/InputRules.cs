namespace RegionalWorkspace.Features.Shared;

/// <summary>Server-side checks shared by every form; each adds a <see cref="FieldError"/> instead of throwing.</summary>
public static class InputRules
{
    public static void Text(List<FieldError> errors, string field, string? value, bool required, int max, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(field, "Validation.Required"));
            }

            return;
        }

        if (value.Trim().Length > max)
        {
            errors.Add(new(field, "Validation.TooLong", max));
        }
        else if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(new(field, "Validation.ControlCharacters"));
        }
    }

    public static void Defined<TEnum>(List<FieldError> errors, string field, TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is not { } v || !Enum.IsDefined(v))
        {
            errors.Add(new(field, "Validation.Choose"));
        }
    }

    public static void Date(List<FieldError> errors, string field, DateOnly? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new(field, "Validation.Required"));
            }
        }
        else if (value.Value.Year is < 1990 or > 2100)
        {
            errors.Add(new(field, "Validation.DateRange"));
        }
    }

    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void ThrowIfAny(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
