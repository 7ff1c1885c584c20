namespace RegionalWorkspace.Components.Shared;

/// <summary>MudDatePicker edits <see cref="DateTime"/>; the model keeps calendar dates.</summary>
public static class DateInput
{
    public static DateTime? ToPicker(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    public static DateOnly? FromPicker(DateTime? value) => value is null ? null : DateOnly.FromDateTime(value.Value);
}
