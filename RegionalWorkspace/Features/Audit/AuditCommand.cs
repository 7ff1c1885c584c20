using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;

namespace RegionalWorkspace.Features.Audit;

/// <summary>
/// <c>RegionalWorkspace audit verify [configuration…]</c>: checks the audit chain of the configured database (the same
/// settings as the server: <c>--Database:Path=…</c>, <c>--Database:Provider=Postgres --ConnectionStrings:Workspace=…</c>)
/// without starting the server or changing anything. Exit code 0: intact; 1: broken (the first broken entry is named);
/// 2: usage error or no database to check.
/// </summary>
public static class AuditCommand
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int Failed = 2;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "audit";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[1] != "verify")
        {
            await error.WriteLineAsync("Usage: RegionalWorkspace audit verify [--Database:Path=FILE | --Database:Provider=Postgres --ConnectionStrings:Workspace=…]");
            return Failed;
        }

        await using var app = WorkspaceApp.Create(args[2..]);
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        try
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                if (db is SqliteAppDbContext && !File.Exists(db.Database.GetDbConnection().DataSource))
                {
                    await error.WriteLineAsync($"No database at {db.Database.GetDbConnection().DataSource}.");
                    return Failed;
                }
            }

            var result = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync();
            if (result.FirstBroken is { } broken)
            {
                await output.WriteLineAsync(
                    $"Audit trail BROKEN at entry #{broken.EntryId}: {Describe(broken)} ({result.Checked} entries verified before it).");
                return Broken;
            }

            await output.WriteLineAsync($"Audit trail intact: {result.Checked} entries, head hash {result.HeadHash ?? "(none)"}.");
            return Intact;
        }
        catch (DbException ex)
        {
            await error.WriteLineAsync($"Could not read the audit trail: {ex.Message}");
            return Failed;
        }
    }

    private static string Describe(AuditBroken broken) => broken.Reason switch
    {
        AuditBreak.Altered => "its content does not match its hash (the entry was changed)",
        AuditBreak.Unlinked => "it does not follow the entry before it (an earlier entry was replaced or this one forged)",
        _ => $"entries from #{broken.ExpectedId} are missing (deleted)",
    };
}
