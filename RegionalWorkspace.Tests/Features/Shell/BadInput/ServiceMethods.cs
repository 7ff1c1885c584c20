using System.Reflection;
using System.Security.Claims;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>The service methods a user's input reaches: public methods of the features' <c>…Service</c> classes that take more than a principal.</summary>
public static class ServiceMethods
{
    /// <summary>Public service methods that no user input reaches, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotUserInput = new Dictionary<string, string>
    {
        ["NotificationsService.NotifyAsync"] = "called by other services with values they built, never with a user's input",
    };

    public static IReadOnlyList<MethodInfo> All { get; } = typeof(RegionalWorkspace.Features.Shared.InputRules).Assembly.GetTypes()
        .Where(t => t.IsClass && t.IsPublic && t.Name.EndsWith("Service", StringComparison.Ordinal) && t.Namespace?.StartsWith("RegionalWorkspace.Features", StringComparison.Ordinal) == true)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) && m.GetParameters().Any(p => !IsContext(p.ParameterType)))
        .OrderBy(Name, StringComparer.Ordinal)
        .ToList();

    public static string Name(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

    public static bool IsContext(Type type) =>
        type == typeof(ClaimsPrincipal) || type == typeof(CancellationToken) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IProgress<>));
}
