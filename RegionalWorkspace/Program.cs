using RegionalWorkspace;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Backups;

// Maintenance commands on the configured data; the web server is not started.
// `backup create|restore …`
if (BackupCommand.Matches(args))
{
    return BackupCommand.Run(args, Console.Out, Console.Error);
}

// `audit verify`
if (AuditCommand.Matches(args))
{
    return await AuditCommand.RunAsync(args, Console.Out, Console.Error);
}

var app = WorkspaceApp.Create(args);
await app.RunAsync();
return 0;

/// <summary>Exposed for tests, which start the real app in-process.</summary>
public partial class Program;
