namespace RegionalWorkspace.Features.Shared;

/// <summary>
/// A refusal a user should read. <see cref="Exception.Message"/> is a key of the string localiser (Resources/Strings),
/// so the same refusal reads in French, Arabic or English; <see cref="Arguments"/> fill its placeholders.
/// </summary>
public abstract class WorkspaceException(string messageKey, params object[] arguments) : Exception(messageKey)
{
    public IReadOnlyList<object> Arguments { get; } = arguments;
}

public sealed class AccessDeniedException(string messageKey = "Error.Forbidden") : WorkspaceException(messageKey);

public sealed class NotFoundException(string messageKey = "Error.NotFound") : WorkspaceException(messageKey);

/// <summary>One field's problem; <see cref="MessageKey"/> is a localiser key.</summary>
public sealed record FieldError(string Field, string MessageKey, params object[] Arguments);

/// <summary>The input was refused as a whole; nothing was saved.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors) : WorkspaceException("Error.Validation")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// Someone else saved the record since it was read. Nothing was saved; <see cref="Current"/> carries the values now
/// stored, <see cref="UpdatedBy"/> who stored them, so the user can compare and decide.
/// </summary>
public sealed class ConcurrencyConflictException(object? current, string? updatedBy, int currentVersion)
    : WorkspaceException("Error.Conflict", updatedBy ?? "?")
{
    public object? Current { get; } = current;

    public string? UpdatedBy { get; } = updatedBy;

    public int CurrentVersion { get; } = currentVersion;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
