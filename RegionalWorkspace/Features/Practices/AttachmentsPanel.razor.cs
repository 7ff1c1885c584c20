using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Practices;

public sealed partial class AttachmentsPanel
{
    private IReadOnlyList<FileEntry> _files = [];

    [Inject]
    public required PracticeAttachmentsService Files { get; init; }

    /// <summary>The practice the files belong to.</summary>
    [Parameter, EditorRequired]
    public int PracticeId { get; set; }

    /// <summary>Whether the reader may add and remove files (the service checks again).</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>The practice's files, as the page loaded them.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<AttachmentRow> Attachments { get; set; } = [];

    /// <summary>Raised after files were added or removed, for the page to reload them.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    protected override void OnParametersSet() =>
        _files = Attachments.Select(a => new FileEntry(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedBy, a.UploadedAtUtc,
            $"/practices/attachments/{a.Id}", a.IsImage ? $"/practices/attachments/{a.Id}/view" : null)).ToList();

    private Task UploadAsync(ClaimsPrincipal user, string fileName, Stream content, CancellationToken ct) =>
        Files.UploadAsync(user, PracticeId, fileName, content, ct);
}
