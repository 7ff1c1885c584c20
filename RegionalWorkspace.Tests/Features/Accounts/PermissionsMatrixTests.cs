using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Tests.Features.Accounts;

/// <summary><see cref="Permissions"/> against the matrix declared from DOMAIN.md, cell by cell.</summary>
public sealed class PermissionsMatrixTests
{
    private const int Own = 4;
    private const int Other = 9;

    [Fact]
    public void Table_EveryUseCase_HasADeclaredRow()
    {
        var missing = Enum.GetValues<UseCase>().Where(u => !PermissionsMatrix.Table.ContainsKey(u)).ToList();

        Assert.True(missing.Count == 0, "Use cases without a row in PermissionsMatrix.Table (declare who may do them, from DOMAIN.md): " + string.Join(", ", missing));
    }

    [Fact]
    public void Rules_EveryUseCase_IsDeclaredInTheApp()
    {
        var missing = Enum.GetValues<UseCase>().Where(u => !Permissions.Rules.ContainsKey(u)).ToList();

        Assert.True(missing.Count == 0, "Use cases without a rule in Permissions.Rules: " + string.Join(", ", missing));
    }

    public static TheoryData<UseCase> UseCases => new(Enum.GetValues<UseCase>());

    /// <summary>Every role; officers of a region acting on their region, another region and no region; an officer without a region.</summary>
    [Theory]
    [MemberData(nameof(UseCases))]
    public void Allows_EveryRoleAndRegion_AgreesWithTheDeclaredMatrix(UseCase useCase)
    {
        var disagreements = new List<string>();
        foreach (var role in Enum.GetValues<WorkspaceRole>())
        {
            int?[] ownRegions = role == WorkspaceRole.RegionalOfficer ? [Own, null] : [null];
            foreach (var ownRegion in ownRegions)
            {
                foreach (var target in new int?[] { Own, Other, null })
                {
                    var expected = PermissionsMatrix.Expected(role, ownRegion, useCase, target);
                    var actual = Permissions.Allows(new Actor("id", "name", role, ownRegion), useCase, target);
                    if (expected != actual)
                    {
                        disagreements.Add($"{role} (region {ownRegion?.ToString() ?? "none"}) on region {target?.ToString() ?? "none"}: declared {Word(expected)}, the app says {Word(actual)}");
                    }
                }
            }
        }

        Assert.True(disagreements.Count == 0, $"UseCase.{useCase}:\n" + string.Join("\n", disagreements));
    }

    [Fact]
    public void Expected_UndeclaredUseCase_FailsNamingIt()
    {
        var undeclared = (UseCase)999;

        var ex = Assert.ThrowsAny<Exception>(() => PermissionsMatrix.Expected(WorkspaceRole.Administrator, null, undeclared, null));

        Assert.Contains("UseCase.999", ex.Message, StringComparison.Ordinal);
    }

    private static string Word(bool allowed) => allowed ? "allowed" : "refused";
}
