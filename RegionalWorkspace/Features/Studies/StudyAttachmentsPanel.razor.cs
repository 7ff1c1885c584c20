using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Studies;

public sealed partial class StudyAttachmentsPanel
{
    private IReadOnlyList<FileEntry> _files = [];

    [Inject]
    public required StudyRequestsService Studies { get; init; }

    [Parameter, EditorRequired]
    public int RequestId { get; set; }

    /// <summary>Whether the reader may add and remove files now (the service checks again).</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<StudyAttachmentRow> Attachments { get; set; } = [];

    /// <summary>Raised after files were added or removed, for the page to reload them.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    protected override void OnParametersSet() =>
        _files = Attachments.Select(a => new FileEntry(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedBy, a.UploadedAtUtc,
            StudyRequestsService.DownloadUrl(a.Id))).ToList();

    private Task UploadAsync(ClaimsPrincipal user, string fileName, Stream content, CancellationToken ct) =>
        Studies.UploadAsync(user, RequestId, fileName, content, ct);
}
