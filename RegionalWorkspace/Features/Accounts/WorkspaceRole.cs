namespace RegionalWorkspace.Features.Accounts;

/// <summary>The roles of DOMAIN.md. Identity role names are these names.</summary>
public enum WorkspaceRole
{
    Administrator,
    Leadership,
    CeseStaff,
    ArmCoordinator,
    DgctCoordinator,
    Trainer,
    RegionalOfficer,
}
