namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// Issue 9 §2: every form's service method, sent oversized strings, control characters, markup and script, values
/// outside a select's options, negative and huge numbers, impossible dates, ids that do not exist or belong elsewhere:
/// each refused with a message (a resource key) on the field, and nothing saved (every table and the attachments
/// folder compared before and after).
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputFormTests(BadInputFixture fixture)
{
    public static TheoryData<string> Cases => new(FormCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Form_BadValues_RefusedOnTheFieldAndNothingSaved(string name) => FormCaseRunner.RunAsync(fixture, FormCases.Named(name));
}
