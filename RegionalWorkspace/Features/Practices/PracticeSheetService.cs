using System.Security.Claims;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Practices;

/// <summary>A practice sheet: the practice on paper, in French or Arabic, printed by the PDF engine.</summary>
public sealed class PracticeSheetService(PracticesService practices, AccessControl access, PdfEngine pdf, TimeProvider clock)
{
    public async Task<GeneratedFile> ExportAsync(ClaimsPrincipal principal, int practiceId, string? culture, CancellationToken ct = default)
    {
        if (!Cultures.IsSupported(culture))
        {
            throw new ValidationFailedException([new FieldError("Culture", "Validation.Culture")]);
        }

        var actor = await access.DemandAsync(principal, UseCase.ExportDocuments, ct: ct);
        var practice = await practices.GetAsync(principal, practiceId, ct);
        if (!pdf.IsAvailable)
        {
            throw new PdfUnavailableException(pdf.BrowserPath);
        }

        var text = PracticeTexts.Pick(practice.Content.Texts, culture)!;
        var now = clock.GetUtcNow();
        var bytes = await pdf.RenderAsync<PracticeSheetDocument>(
            new Dictionary<string, object?>
            {
                [nameof(PracticeSheetDocument.Practice)] = practice,
                [nameof(PracticeSheetDocument.Text)] = text,
                [nameof(PracticeSheetDocument.Author)] = actor.DisplayName,
                [nameof(PracticeSheetDocument.GeneratedAt)] = now,
            },
            new PdfDocumentInfo(text.Title, actor.DisplayName, culture!),
            ct);
        return new GeneratedFile($"pratique-{practice.Id}-{culture}-{now:yyyy-MM-dd}.pdf", "application/pdf", bytes);
    }
}
