using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Audit;

/// <summary>
/// The audit trail for administrators: every recorded change, newest first, a page at a time from the server, filtered by
/// user, entity type, record, operation and dates; one entry's values before and after; the chain check; exports of
/// what the filter keeps.
/// </summary>
public partial class AuditPage
{
    private MudTable<AuditRow>? _table;
    private AuditFilter _filter = new();
    private IReadOnlyList<AuditUserOption> _users = [];
    private IReadOnlyList<string> _types = [];
    private AuditVerification? _verification;
    private bool _verifying;
    private string? _error;

    [Inject]
    public required AuditService Audit { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _users = await Audit.UsersAsync(user);
        _types = await Audit.EntityTypesAsync(user);
    }

    private async Task<TableData<AuditRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        try
        {
            var page = await Audit.ListAsync((await AuthenticationState).User, _filter, state.Page, state.PageSize, ct);
            _error = null;
            return new TableData<AuditRow> { Items = page.Items, TotalItems = page.Total };
        }
        catch (WorkspaceException ex)
        {
            _error = L.Describe(ex);
            return new TableData<AuditRow> { Items = [], TotalItems = 0 };
        }
    }

    private async Task FilterAsync(AuditFilter filter)
    {
        _filter = filter;
        await _table!.ReloadServerData();
    }

    private async Task VerifyAsync()
    {
        _verifying = true;
        try
        {
            _verification = await Audit.VerifyAsync((await AuthenticationState).User);
        }
        finally
        {
            _verifying = false;
        }
    }

    private async Task ShowAsync(AuditRow row)
    {
        var parameters = new DialogParameters<AuditEntryDialog> { { d => d.Entry, row } };
        await Dialogs.ShowAsync<AuditEntryDialog>(L["Audit.EntryTitle", row.Id], parameters, DialogDefaults.Large);
    }

    private string UserLabel(string? id) => id switch
    {
        null => L["Audit.All"],
        AuditFilter.SystemUser => L["Audit.System"],
        _ => _users.FirstOrDefault(u => u.Id == id)?.Name ?? id,
    };

    private string VerificationText(AuditVerification result) => result.FirstBroken switch
    {
        null => L["Audit.Intact", result.Checked, result.HeadHash ?? "—"],
        { Reason: AuditBreak.Altered } b => L["Audit.BrokenAltered", b.EntryId, result.Checked],
        { Reason: AuditBreak.Unlinked } b => L["Audit.BrokenUnlinked", b.EntryId, result.Checked],
        { } b => L["Audit.BrokenMissing", b.EntryId, b.ExpectedId, result.Checked],
    };

    private static string ChangedNames(AuditRow row)
    {
        var names = row.Values().Select(v => v.Property).ToList();
        return names.Count <= 6 ? string.Join(", ", names) : string.Join(", ", names.Take(6)) + $", … (+{names.Count - 6})";
    }

    private static Color OperationColor(AuditOperation operation) => operation switch
    {
        AuditOperation.Insert => Color.Success,
        AuditOperation.Delete => Color.Error,
        _ => Color.Info,
    };
}
