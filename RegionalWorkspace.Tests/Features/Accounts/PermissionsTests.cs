using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Tests.Features.Accounts;

public sealed class PermissionsTests
{
    [Fact]
    public void Rules_EveryUseCase_IsDeclared()
    {
        Assert.Equal(Enum.GetValues<UseCase>().Order(), Permissions.Rules.Keys.Order());
    }

    public static TheoryData<WorkspaceRole, int?, UseCase, int?, bool> Matrix => new()
    {
        { WorkspaceRole.RegionalOfficer, 4, UseCase.ReadWorkspace, 9, true },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.EditBodies, 4, true },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.EditBodies, 9, false },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.EditBodies, null, false },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.EditRegionSettings, 4, false },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.ManageAccounts, null, false },
        { WorkspaceRole.Administrator, null, UseCase.EditBodies, 9, true },
        { WorkspaceRole.Administrator, null, UseCase.EditRegionSettings, 9, true },
        { WorkspaceRole.Administrator, null, UseCase.ManageAccounts, null, true },
        { WorkspaceRole.Leadership, null, UseCase.ReadWorkspace, null, true },
        { WorkspaceRole.Leadership, null, UseCase.EditBodies, 4, false },
        { WorkspaceRole.CeseStaff, null, UseCase.EditBodies, 4, false },
        { WorkspaceRole.ArmCoordinator, null, UseCase.EditBodies, 4, false },
        { WorkspaceRole.DgctCoordinator, null, UseCase.ManageAccounts, null, false },
        { WorkspaceRole.Trainer, null, UseCase.EditRegionSettings, 4, false },
        { WorkspaceRole.Leadership, null, UseCase.CompareRegions, null, true },
        { WorkspaceRole.ArmCoordinator, null, UseCase.CompareRegions, null, true },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.CompareRegions, null, false },
        { WorkspaceRole.Trainer, null, UseCase.CompareRegions, null, false },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.FollowRegionLive, 4, true },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.FollowRegionLive, 9, false },
        { WorkspaceRole.RegionalOfficer, 4, UseCase.FollowRegionLive, null, false },
        { WorkspaceRole.Trainer, null, UseCase.FollowRegionLive, null, true },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Allows_RoleAndRegion_DecidesAsDomainSays(WorkspaceRole role, int? ownRegion, UseCase useCase, int? targetRegion, bool allowed)
    {
        var actor = new Actor("id", "name", role, ownRegion);

        Assert.Equal(allowed, actor.Can(useCase, targetRegion));
    }
}
