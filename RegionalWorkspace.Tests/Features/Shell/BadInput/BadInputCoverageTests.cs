namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// The guard that keeps the suite whole: a new service method taking a user's input (a new form, a new endpoint's
/// service) fails this test, by name, until the suite probes it (a form case, an id probe, a file, CSV or HTTP test).
/// </summary>
public sealed class BadInputCoverageTests
{
    [Fact]
    public void EveryServiceMethodTakingInput_IsProbedBySuite()
    {
        var missing = ServiceMethods.All.Select(ServiceMethods.Name).Distinct()
            .Where(n => !BadInputIdTests.Covered.Contains(n) && !ServiceMethods.NotUserInput.ContainsKey(n))
            .ToList();

        Assert.True(missing.Count == 0, "Service methods taking input that the bad-input suite does not probe: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryFormCase_NamesAServiceMethodThatExists()
    {
        var methods = ServiceMethods.All.Select(ServiceMethods.Name).ToHashSet();

        var unknown = FormCases.All.Select(c => c.Name).Where(n => !methods.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, "Form cases naming no service method: " + string.Join(", ", unknown));
        Assert.Equal(FormCases.All.Count, FormCases.All.Select(c => c.Name).Distinct().Count());
    }
}
