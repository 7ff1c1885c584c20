using Xunit.Abstractions;
using Xunit.Sdk;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>Where a benchmark runs in its class (lowest first); see <see cref="DeclaredOrder"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunOrderAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}

/// <summary>
/// Runs a class's tests in their <see cref="RunOrderAttribute"/> order: the memory benchmark goes first, while the test
/// process has not yet held a thousand connections.
/// </summary>
public sealed class DeclaredOrder : ITestCaseOrderer
{
    public const string TypeName = "RegionalWorkspace.Tests.Benchmarks.DeclaredOrder";
    public const string AssemblyName = "RegionalWorkspace.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethod.Method.GetCustomAttributes(typeof(RunOrderAttribute).AssemblyQualifiedName)
                .Select(a => a.GetConstructorArguments().OfType<int>().First())
                .DefaultIfEmpty(int.MaxValue)
                .First())
            .ThenBy(c => c.TestMethod.Method.Name, StringComparer.Ordinal);
}
