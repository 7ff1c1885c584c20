using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings.Documents;

/// <summary>
/// Produces a session document in the circuit and hands it to the browser (<c>rwDownload</c> in download.js), as the
/// region summary does; a refusal comes back as the message to show.
/// </summary>
public static class DocumentDownload
{
    /// <summary>The file name on success, or the reason it failed (in the UI's language).</summary>
    public static async Task<(string? FileName, string? Error)> RunAsync(
        TrainingDocumentsService documents, IJSRuntime js, IStringLocalizer<Strings> l, Task<AuthenticationState> authentication,
        int sessionId, SessionDocument document, string culture, int? participantId, CancellationToken ct)
    {
        try
        {
            var user = (await authentication).User;
            var file = await documents.ExportAsync(user, sessionId, document, culture, participantId, ct);
            using var stream = new MemoryStream(file.Content);
            using var reference = new DotNetStreamReference(stream);
            await js.InvokeVoidAsync("rwDownload", ct, file.FileName, file.ContentType, reference);
            return (file.FileName, null);
        }
        catch (ValidationFailedException ex)
        {
            return (null, string.Join(" ", ex.Errors.Select(l.Field)));
        }
        catch (WorkspaceException ex)
        {
            return (null, l.Error(ex));
        }
    }

    /// <summary>The documents' language to start with: the UI's, when documents are written in it; French otherwise.</summary>
    public static string DefaultCulture()
    {
        var ui = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return TrainingDocumentsService.Languages.Contains(ui) ? ui : Cultures.French;
    }
}
