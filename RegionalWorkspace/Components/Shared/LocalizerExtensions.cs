using Microsoft.Extensions.Localization;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Components.Shared;

public static class LocalizerExtensions
{
    /// <summary>The label of an enum value: key <c>EnumType.Value</c>.</summary>
    public static string Enum<TEnum>(this IStringLocalizer<Strings> l, TEnum value)
        where TEnum : struct, System.Enum => l[$"{typeof(TEnum).Name}.{value}"];

    public static string Error(this IStringLocalizer<Strings> l, WorkspaceException error) =>
        l[error.Message, error.Arguments.ToArray()];

    /// <summary>What to tell the user about a refusal: the reasons of a validation failure, or the error itself.</summary>
    public static string Describe(this IStringLocalizer<Strings> l, WorkspaceException error) =>
        error is ValidationFailedException { Errors.Count: > 0 } invalid
            ? string.Join(" ", invalid.Errors.Select(e => l.Field(e)).Distinct())
            : l.Error(error);

    public static string Field(this IStringLocalizer<Strings> l, FieldError error) =>
        l[error.MessageKey, error.Arguments];
}
