using RegionalWorkspace;

var app = WorkspaceApp.Create(args);
await app.RunAsync();

/// <summary>Exposed for tests, which start the real app in-process.</summary>
public partial class Program;
