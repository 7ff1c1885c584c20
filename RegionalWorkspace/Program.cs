using RegionalWorkspace;
using RegionalWorkspace.Features.Audit;

if (AuditCommand.Matches(args))
{
    return await AuditCommand.RunAsync(args, Console.Out, Console.Error);
}

var app = WorkspaceApp.Create(args);
await app.RunAsync();
return 0;

/// <summary>Exposed for tests, which start the real app in-process.</summary>
public partial class Program;
