namespace RegionalWorkspace.Features.Accounts;

public sealed record AccountRow(
    string Id,
    string Email,
    string DisplayName,
    WorkspaceRole? Role,
    int? RegionId,
    bool IsDisabled,
    bool IsLockedOut);

/// <summary>What the administration form edits. <see cref="Password"/> is used only when creating an account.</summary>
public sealed class AccountInput
{
    public const int MaxPassword = 128;

    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public WorkspaceRole? Role { get; set; }

    public int? RegionId { get; set; }

    public string? Password { get; set; }
}

public sealed record UserPreferences(string? Culture, bool DarkMode);
