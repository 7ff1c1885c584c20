using System.Collections;
using System.Reflection;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>How a bad value must be refused.</summary>
public enum Expect
{
    /// <summary>A <c>ValidationFailedException</c> naming the field.</summary>
    FieldError,

    /// <summary>An id or a version: the field named, or "not found", "not yours" or "changed since" (all clear, nothing saved).</summary>
    FieldErrorOrRefusal,
}

/// <summary>One bad value for one field of an input model: <see cref="Apply"/> writes it into a fresh, valid input.</summary>
public sealed record BadValue(string Field, string What, Action<object> Apply, Expect Expect)
{
    public override string ToString() => $"{Field} = {What}";
}

/// <summary>
/// The table of bad values, generated from the input model's properties, so that a field added to a form is probed
/// without anyone writing a line: every string gets oversized, control-character, bidi, broken-UTF-16, markup and script
/// values; every enum a value outside its options; every number negative and huge values; every date impossible years;
/// every list of ids ids that do not exist; nested items (a practice's texts, a meeting's outputs) the same, by path.
/// </summary>
public static class BadValues
{
    public const int OneMegabyte = 1 << 20;

    /// <summary>Text values no field may keep (the name says why).</summary>
    public static readonly IReadOnlyList<(string What, string Value)> Texts =
    [
        ("1 MB of text", new string('x', OneMegabyte)),
        ("a NUL character", "Nom\0caché"),
        ("an ESC sequence", "Nom \u001b[31mrouge"),
        ("a bidi override (U+202E)", "facture\u202Efdp.exe"),
        ("a lone surrogate", "abc\uD800def"),
        ("a script tag", "<script>alert(1)</script>"),
        ("an image with an event handler", "<img src=x onerror=alert(1)>"),
        ("a closing tag and a comment", "fin</p><!-- caché -->"),
        ("a javascript: URL", "javascript:alert(document.cookie)"),
    ];

    /// <summary>Markup-looking values: refused where text is validated, except in fields that are secrets (passwords).</summary>
    public static bool IsMarkup(string what) => what.Contains("script", StringComparison.Ordinal) || what.Contains("tag", StringComparison.Ordinal) || what.Contains("event handler", StringComparison.Ordinal);

    public static IReadOnlyList<BadValue> For(object sample, IReadOnlySet<string> skip) =>
        Walk(sample, "", root => root, skip).ToList();

    private static IEnumerable<BadValue> Walk(object sample, string prefix, Func<object, object> owner, IReadOnlySet<string> skip)
    {
        foreach (var property in sample.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || !property.CanWrite || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var field = prefix + property.Name;
            if (skip.Contains(field))
            {
                continue;
            }

            var type = property.PropertyType;
            var core = Nullable.GetUnderlyingType(type) ?? type;
            var expect = IsIdentifier(property.Name) ? Expect.FieldErrorOrRefusal : Expect.FieldError;
            BadValue Value(string what, object? value) => new(field, what, root => property.SetValue(owner(root), value), expect);

            if (type == typeof(string))
            {
                foreach (var (what, value) in Texts)
                {
                    if (!(skip.Contains(field + ":markup") && IsMarkup(what)))
                    {
                        yield return Value(what, value);
                    }
                }
            }
            else if (core.IsEnum)
            {
                var flags = core.IsDefined(typeof(FlagsAttribute), false);
                yield return Value(flags ? "an undefined flag (1 << 20)" : "999, outside the options", Enum.ToObject(core, flags ? 1 << 20 : 999));
                yield return Value("-1, outside the options", Enum.ToObject(core, -1));
            }
            else if (core == typeof(int))
            {
                yield return Value("-1", -1);
                yield return Value("int.MaxValue", int.MaxValue);
                if (expect == Expect.FieldErrorOrRefusal)
                {
                    yield return Value("0", 0);
                }
            }
            else if (core == typeof(long))
            {
                yield return Value("-1", -1L);
                yield return Value("long.MaxValue", long.MaxValue);
            }
            else if (core == typeof(DateOnly))
            {
                yield return Value("year 1", new DateOnly(1, 1, 1));
                yield return Value("year 9999", new DateOnly(9999, 12, 31));
            }
            else if (core == typeof(DateTime))
            {
                yield return Value("DateTime.MinValue", DateTime.MinValue);
                yield return Value("DateTime.MaxValue", DateTime.MaxValue);
            }
            else if (type == typeof(List<int>))
            {
                // 13: one past the twelve regions, where the list holds regions (other ids may well exist).
                foreach (var id in property.Name.Contains("Region", StringComparison.Ordinal) ? [-1, 0, 13, int.MaxValue] : new[] { -1, 0, int.MaxValue })
                {
                    yield return new(field, $"[{id}]", root => property.SetValue(owner(root), new List<int> { id }), Expect.FieldErrorOrRefusal);
                }

                yield return new(field, "10,000 ids", root => property.SetValue(owner(root), Enumerable.Range(1, 10_000).ToList()), Expect.FieldErrorOrRefusal);
            }
            else if (type == typeof(List<string>))
            {
                yield return new(field, "[an unknown id]", root => property.SetValue(owner(root), new List<string> { "no-such-id" }), Expect.FieldErrorOrRefusal);
                yield return new(field, "[1 MB]", root => property.SetValue(owner(root), new List<string> { new('x', OneMegabyte) }), Expect.FieldErrorOrRefusal);
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && property.GetValue(sample) is IList { Count: > 0 } items
                && items[0] is { } first && first.GetType().IsClass)
            {
                var list = property;
                foreach (var nested in Walk(first, $"{field}[0].", root => ((IList)list.GetValue(owner(root))!)[0]!, skip))
                {
                    yield return nested;
                }
            }
        }
    }

    private static bool IsIdentifier(string name) =>
        name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal) || name is "Version" or "Number";
}
