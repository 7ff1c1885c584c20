using System.Globalization;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Backups;

/// <summary>
/// <c>RegionalWorkspace backup create [--out FILE]</c> and <c>RegionalWorkspace backup restore FILE</c>, followed by the
/// usual configuration arguments (<c>--environment</c>, <c>--Database:Path</c>, <c>--Attachments:Path</c>,
/// <c>--Backups:Path</c>…): the same configuration as the server (appsettings, environment variables), without starting
/// it. Exit code 0 when done, 1 when refused (nothing changed), 2 for a usage error. Messages follow the system's
/// language when it is French or Arabic, else English.
/// </summary>
public static class BackupCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "backup";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var L = Localizer();
        var verb = args.Length > 1 ? args[1] : null;
        string? outPath = null;
        string? archive = null;
        var configuration = new List<string>();
        var start = 2;
        if (verb == "restore" && args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal))
        {
            archive = args[2];
            start = 3;
        }

        for (var i = start; i < args.Length; i++)
        {
            if (verb == "create" && args[i] == "--out" && i + 1 < args.Length)
            {
                outPath = args[++i];
            }
            else
            {
                configuration.Add(args[i]);
            }
        }

        if (verb is not ("create" or "restore") || (verb == "restore" && archive is null))
        {
            error.WriteLine(L["Backups.CliUsage"]);
            return 2;
        }

        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = [.. configuration],
                ApplicationName = typeof(WorkspaceApp).Assembly.GetName().Name,
            });
            var locations = BackupLocations.From(builder.Configuration, builder.Environment);
            var now = DateTime.UtcNow;
            if (verb == "create")
            {
                var path = Path.GetFullPath(outPath ?? Path.Combine(locations.BackupsFolder, BackupService.FileNameFor(now)));
                var result = BackupWriter.Write(locations, path, now);
                output.WriteLine(L["Backups.CliCreated", result.Path, result.Size, result.Manifest.AttachmentCount, result.Manifest.Migration ?? "—"]);
                if (result.Manifest.MissingAttachments.Count > 0)
                {
                    error.WriteLine(L["Backups.CliMissing", string.Join(", ", result.Manifest.MissingAttachments)]);
                }
            }
            else
            {
                var result = BackupRestorer.Restore(archive!, locations, now);
                output.WriteLine(L["Backups.CliRestored", result.Manifest.CreatedAtUtc.ToString("u", CultureInfo.InvariantCulture), result.Manifest.AttachmentCount, result.Manifest.Migration ?? "—"]);
                if (result.PreviousDatabase is not null || result.PreviousAttachments is not null)
                {
                    output.WriteLine(L["Backups.CliKeptAside", result.PreviousDatabase ?? "—", result.PreviousAttachments ?? "—"]);
                }
            }

            if (locations.Provider == DatabaseProvider.Postgres)
            {
                output.WriteLine(L["Backups.CliPostgres"]);
            }

            return 0;
        }
        catch (WorkspaceException ex)
        {
            error.WriteLine(L.Error(ex));
            return 1;
        }
    }

    private static IStringLocalizer<Strings> Localizer()
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var culture = CultureInfo.GetCultureInfo(language is "fr" or "ar" ? language : "en");
        CultureInfo.CurrentUICulture = culture;
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<Strings>>();
    }
}
