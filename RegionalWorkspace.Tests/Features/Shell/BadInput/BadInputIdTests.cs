using System.Linq.Expressions;
using System.Reflection;
using System.Security.Claims;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// The service methods whose input is ids and names (in URLs, buttons, links): each called with ids that do not exist
/// (0, -1, int.MaxValue) and names that are not names (path traversal, control characters, 1 MB): "not found" or a
/// validation message (a read may also answer with nothing: an empty list), never a crash, and nothing saved.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputIdTests(BadInputFixture fixture)
{
    public static readonly IReadOnlyList<string> BadNames = ["../../workspace.db", "..\\..\\x.pdf", "x\0y", "/etc/passwd", new string('n', BadValues.OneMegabyte), "<script>alert(1)</script>"];

    private static readonly string[] s_covered = [.. FormCases.All.Select(c => c.Name), .. BadInputFileTests.Covers, .. BadInputCsvTests.Covers, .. BadInputHttpTests.Covers];

    /// <summary>Who calls each service's methods (someone allowed to, so a refusal is about the id, not the role).</summary>
    private static readonly Dictionary<string, string> s_users = new()
    {
        ["StudyMeetingsService"] = "cese@demo.ma",
        ["ListeningSessionsService"] = "cese@demo.ma",
        ["StudyRequestsService"] = "cese@demo.ma",
        ["PublicationsService"] = "cese@demo.ma",
        ["NotificationsService"] = "cese@demo.ma",
        ["ContributionsService"] = "officer.rsk@demo.ma",
    };

    public static TheoryData<string> Methods => new(ServiceMethods.All.Where(IsIdsOnly).Select(ServiceMethods.Name).Distinct()
        .Where(n => !s_covered.Contains(n) && !ServiceMethods.NotUserInput.ContainsKey(n)));

    /// <summary>Every method the suite covers, here or in the other classes (the coverage guard checks against it).</summary>
    public static IReadOnlySet<string> Covered => ServiceMethods.All.Where(IsIdsOnly).Select(ServiceMethods.Name).Concat(s_covered).ToHashSet();

    /// <summary>
    /// Methods this class can probe on its own: every parameter an id, a name, a version or number, a flag, an enum or a
    /// language. Anything else (an input model, free text, a file, a date) needs a form case or a test of its own.
    /// </summary>
    public static bool IsIdsOnly(MethodInfo method) => method.GetParameters().All(p =>
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        return ServiceMethods.IsContext(p.ParameterType) || IsId(p) || type == typeof(int) || type == typeof(long) || type == typeof(bool) || type.IsEnum
            || (type == typeof(string) && p.Name == "culture") || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Func<,>));
    });

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Method_UnknownIdsAndBadNames_NotFoundOrRefusedAndNothingSaved(string name)
    {
        var methods = ServiceMethods.All.Where(m => ServiceMethods.Name(m) == name && IsIdsOnly(m)).ToList();
        var principal = await fixture.PrincipalAsync(s_users.GetValueOrDefault(methods[0].DeclaringType!.Name, "admin@demo.ma"));
        var before = await fixture.CaptureAsync();
        var problems = new List<string>();
        foreach (var method in methods)
        {
            var service = fixture.Host.Services.GetService(method.DeclaringType!)!;
            foreach (var (what, args) in Calls(method, principal))
            {
                Exception? thrown = null;
                try
                {
                    await (Task)method.Invoke(service, args)!;
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }

                // A read may answer an unknown id with nothing (an empty list, no form); a change must say "not found".
                var harmlessRead = thrown is null && method.ReturnType.IsGenericType;
                if (harmlessRead)
                {
                    continue;
                }

                if (thrown is not (NotFoundException or ValidationFailedException) || !fixture.IsKnownKey(thrown.Message)
                    || (thrown is ValidationFailedException v && v.Errors.Any(e => !fixture.IsKnownKey(e.MessageKey))))
                {
                    problems.Add($"{what}: {(thrown is null ? "accepted" : $"{thrown.GetType().Name} {thrown.Message}")}");
                }
            }
        }

        var left = (await fixture.CaptureAsync()).DiffFrom(before);
        Assert.True(problems.Count == 0 && left.Length == 0, $"{name}:\n{string.Join("\n", problems)}\n{left}");
    }

    /// <summary>One call per bad value: every id parameter given it at once (the other parameters plausible).</summary>
    private static IEnumerable<(string What, object?[] Args)> Calls(MethodInfo method, ClaimsPrincipal principal)
    {
        var parameters = method.GetParameters();
        var hasId = parameters.Any(p => IsId(p) && p.ParameterType != typeof(string));
        var hasName = parameters.Any(p => IsId(p) && p.ParameterType == typeof(string));
        var values = new List<(string, object)>();
        if (hasId)
        {
            values.AddRange([("id 0", 0), ("id -1", -1), ("id int.MaxValue", int.MaxValue)]);
        }

        if (hasName)
        {
            values.AddRange(BadNames.Select(n => ($"name {(n.Length > 40 ? "of 1 MB" : n.Replace("\0", "\\0", StringComparison.Ordinal))}", (object)n)));
        }

        Assert.True(values.Count > 0, $"{ServiceMethods.Name(method)} has no id or name parameter: give it a form case or a test of its own.");
        foreach (var (what, bad) in values)
        {
            yield return (what, parameters.Select(p => Argument(p, principal, bad)).ToArray());
        }
    }

    private static bool IsId(ParameterInfo p) =>
        p.Name!.EndsWith("Id", StringComparison.Ordinal) || p.Name is "id" or "name" or "code" || (p.Name.EndsWith("Ids", StringComparison.Ordinal) && p.ParameterType != typeof(string));

    private static object? Argument(ParameterInfo p, ClaimsPrincipal principal, object bad)
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        if (type == typeof(ClaimsPrincipal))
        {
            return principal;
        }

        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (IsId(p))
        {
            return (type, bad) switch
            {
                _ when type == typeof(string) && bad is string s => s,
                _ when type == typeof(int) && bad is int i => i,
                _ when type == typeof(long) && bad is int l => (long)l,
                _ when typeof(IEnumerable<int>).IsAssignableFrom(type) && bad is int i => new List<int> { i },
                _ => p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? Activator.CreateInstance(p.ParameterType) : null,
            };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Func<,>))
        {
            var arguments = type.GetGenericArguments();
            return Expression.Lambda(type, Expression.Default(arguments[1]), Expression.Parameter(arguments[0])).Compile();
        }

        return p.HasDefaultValue ? p.DefaultValue : null;
    }
}
