using RegionalWorkspace;
using RegionalWorkspace.Features.Backups;

// `backup create|restore …`: a maintenance command on the configured data; the web server is not started.
if (BackupCommand.Matches(args))
{
    return BackupCommand.Run(args, Console.Out, Console.Error);
}

var app = WorkspaceApp.Create(args);
await app.RunAsync();
return 0;

/// <summary>Exposed for tests, which start the real app in-process.</summary>
public partial class Program;
