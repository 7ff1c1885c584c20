using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// One use case a form calls: who calls it, what record it works on (made by <see cref="Prepare"/>), a valid input
/// (<see cref="Input"/>, fresh each time) and the call. The suite writes each bad value into a fresh valid input and calls;
/// then calls once with the valid input, which must succeed (so a refusal was due to the bad value, not to the base).
/// </summary>
public sealed record FormCase
{
    public required Type Service { get; init; }

    public required string Method { get; init; }

    public required string User { get; init; }

    /// <summary>Makes the record the call works on (a practice to update, a session to register for); returns its id.</summary>
    public Func<BadInputFixture, Task<int>> Prepare { get; init; } = _ => Task.FromResult(0);

    public required Func<BadInputFixture, int, Task<object>> Input { get; init; }

    public required Func<BadInputFixture, ClaimsPrincipal, int, object, Task> Call { get; init; }

    /// <summary>Fields the generated table leaves alone; <c>Field:markup</c> leaves only the markup values (a password may hold "&lt;").</summary>
    public IReadOnlySet<string> Skip { get; init; } = new HashSet<string>();

    /// <summary>Bad values the generated table cannot know: cross-field rules (an end before its start), another region's record.</summary>
    public Func<BadInputFixture, int, IReadOnlyList<BadValue>> Extra { get; init; } = (_, _) => [];

    /// <summary>Queries and searches: a bad value may also be answered harmlessly (an empty page), never by a crash or a write.</summary>
    public bool Lenient { get; init; }

    /// <summary>Whether the valid input, called last, must succeed (false for inputs whose success would not be repeatable).</summary>
    public bool CheckValidInput { get; init; } = true;

    public string Name => $"{Service.Name}.{Method}";

    public sealed override string ToString() => Name;

    public static FormCase For<TService, TInput>(
        string method,
        string user,
        Func<BadInputFixture, int, Task<TInput>> input,
        Func<TService, ClaimsPrincipal, int, TInput, Task> call,
        Func<BadInputFixture, Task<int>>? prepare = null)
        where TService : notnull
        where TInput : class => new()
    {
        Service = typeof(TService),
        Method = method,
        User = user,
        Prepare = prepare ?? (_ => Task.FromResult(0)),
        Input = async (f, id) => await input(f, id),
        Call = (f, p, id, i) => call(f.Get<TService>(), p, id, (TInput)i),
    };
}

/// <summary>Runs a <see cref="FormCase"/>: every bad value refused clearly, the database and files unchanged, the valid input accepted.</summary>
public static class FormCaseRunner
{
    public static async Task RunAsync(BadInputFixture fixture, FormCase form)
    {
        var principal = await fixture.PrincipalAsync(form.User);
        var id = await Explained("preparing the record", () => form.Prepare(fixture));
        var sample = await form.Input(fixture, id);
        var values = BadValues.For(sample, form.Skip).Concat(form.Extra(fixture, id)).ToList();
        Assert.NotEmpty(values);

        var before = await fixture.CaptureAsync();
        fixture.Probe.Changed();
        var problems = new List<string>();
        foreach (var bad in values)
        {
            var problem = await ProbeAsync(fixture, form, principal, id, bad);
            if (problem is null && bad.What == BadValues.Texts[0].What && !form.Lenient)
            {
                problem = await ProbeLimitPlusOneAsync(fixture, form, principal, id, bad);
            }

            if (fixture.Probe.Changed())
            {
                var diff = (await fixture.CaptureAsync()).DiffFrom(before);
                if (diff.Length > 0)
                {
                    problem = problem is null ? $"partly saved: {diff}" : $"{problem}, saved: {diff}";
                    before = await fixture.CaptureAsync();
                }
            }

            if (problem is not null)
            {
                problems.Add($"{bad}: {problem}");
            }
        }

        var after = await fixture.CaptureAsync();
        var left = after.DiffFrom(before);
        Assert.True(problems.Count == 0 && left.Length == 0, $"{form.Name}, {values.Count} bad values:\n" + string.Join("\n", problems) + (left.Length > 0 ? "\nchanged: " + left : ""));

        if (form.CheckValidInput)
        {
            // The same input without the bad value is accepted: every refusal above was the bad value's doing.
            await Explained("calling with the valid input", async () =>
            {
                await form.Call(fixture, principal, id, await form.Input(fixture, id));
                return 0;
            });
        }
    }

    private static async Task<T> Explained<T>(string what, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ValidationFailedException ex)
        {
            throw new InvalidOperationException($"Refused while {what}: {string.Join(", ", ex.Errors.Select(e => $"{e.Field}:{e.MessageKey}"))}", ex);
        }
    }

    /// <summary>Null when <paramref name="bad"/> was refused as it should be; otherwise what went wrong.</summary>
    public static async Task<string?> ProbeAsync(BadInputFixture fixture, FormCase form, ClaimsPrincipal principal, int id, BadValue bad)
    {
        var input = await form.Input(fixture, id);
        bad.Apply(input);
        Exception? thrown = null;
        try
        {
            await form.Call(fixture, principal, id, input);
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        return Judge(fixture, form.Lenient, bad, thrown, out _);
    }

    /// <summary>Null when the outcome is a clear refusal naming the field (or, for ids, "not found"/"not yours"/"changed").</summary>
    public static string? Judge(BadInputFixture fixture, bool lenient, BadValue bad, Exception? thrown, out ValidationFailedException? validation)
    {
        validation = thrown as ValidationFailedException;
        switch (thrown)
        {
            case null:
                return lenient ? null : "accepted";
            case ValidationFailedException failed:
                var unknown = failed.Errors.Where(e => !fixture.IsKnownKey(e.MessageKey)).Select(e => e.MessageKey).ToList();
                if (unknown.Count > 0)
                {
                    return "message keys missing from the resources: " + string.Join(", ", unknown);
                }

                return failed.Errors.Any(e => Names(e.Field, bad.Field))
                    ? null
                    : $"refused without naming the field: {string.Join(", ", failed.Errors.Select(e => $"{e.Field}:{e.MessageKey}"))}";
            case WorkspaceException refusal when lenient || bad.Expect == Expect.FieldErrorOrRefusal:
                return fixture.IsKnownKey(refusal.Message) ? null : $"message key missing from the resources: {refusal.Message}";
            default:
                return $"{thrown.GetType().Name}: {Short(thrown.Message)}";
        }
    }

    /// <summary>A text at its field's limit plus one character is refused with the limit (the 1 MB value said which).</summary>
    private static async Task<string?> ProbeLimitPlusOneAsync(BadInputFixture fixture, FormCase form, ClaimsPrincipal principal, int id, BadValue oneMegabyte)
    {
        var input = await form.Input(fixture, id);
        oneMegabyte.Apply(input);
        try
        {
            await form.Call(fixture, principal, id, input);
            return null;
        }
        catch (ValidationFailedException failed) when (failed.Errors.FirstOrDefault(e => Names(e.Field, oneMegabyte.Field) && e.MessageKey == "Validation.TooLong") is { } tooLong)
        {
            var max = (int)tooLong.Arguments[0];
            var limitPlusOne = oneMegabyte with { What = $"{max + 1} characters (limit + 1)" };
            var text = new string('x', max + 1);
            var probe = limitPlusOne with { Apply = root => SetSame(oneMegabyte, root, text) };
            return await ProbeAsync(fixture, form, principal, id, probe) is { } problem ? $"limit + 1 ({max + 1}): {problem}" : null;
        }
        catch (ValidationFailedException)
        {
            // Refused for its format (an e-mail address, a language code) before its length: already judged.
            return null;
        }
    }

    /// <summary>Writes <paramref name="text"/> where <paramref name="template"/> writes its value (a string field).</summary>
    private static void SetSame(BadValue template, object root, string text)
    {
        template.Apply(root);
        var path = template.Field.Split('.');
        object owner = root;
        foreach (var segment in path[..^1])
        {
            var name = segment[..segment.IndexOf('[', StringComparison.Ordinal)];
            owner = ((System.Collections.IList)owner.GetType().GetProperty(name)!.GetValue(owner)!)[0]!;
        }

        owner.GetType().GetProperty(path[^1])!.SetValue(owner, text);
    }

    /// <summary>An error on <paramref name="errorField"/> names <paramref name="field"/>: the same, or the list the item is in.</summary>
    public static bool Names(string errorField, string field) =>
        string.Equals(errorField, field, StringComparison.OrdinalIgnoreCase)
        || field.StartsWith(errorField + "[", StringComparison.OrdinalIgnoreCase)
        || field.StartsWith(errorField + ".", StringComparison.OrdinalIgnoreCase);

    private static string Short(string message) => message.Length > 200 ? message[..200] + "…" : message;
}
