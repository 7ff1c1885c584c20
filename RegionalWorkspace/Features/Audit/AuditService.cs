using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Audit;

/// <summary>The audit trail for administrators: browse with filters, one entry's values, the chain check, exports.</summary>
public sealed class AuditService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    AuditVerifier verifier,
    WorkspaceTime time,
    IStringLocalizer<Strings> l)
{
    /// <summary>More rows than this in one export is refused: narrow the filter (a spreadsheet could not open it anyway).</summary>
    public const int MaxExportRows = 50_000;

    /// <summary>An XLSX cell holds at most 32,767 characters.</summary>
    private const int MaxCellText = 32_000;

    private IReadOnlySet<string>? _entityTypes;

    /// <summary>The audited entity types of the model, by name.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReviewAuditTrail, ct: ct);
        return [.. (await KnownTypesAsync(ct)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The accounts, to filter by (the system is <see cref="AuditFilter.SystemUser"/>).</summary>
    public async Task<IReadOnlyList<AuditUserOption>> UsersAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReviewAuditTrail, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new AuditUserOption(u.Id, u.DisplayName + " <" + u.Email + ">")).ToListAsync(ct);
    }

    /// <summary>One page of the entries the filter keeps, newest first.</summary>
    public async Task<Page<AuditRow>> ListAsync(ClaimsPrincipal principal, AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReviewAuditTrail, ct: ct);
        InputRules.ThrowIfAny(filter.Validate(await KnownTypesAsync(ct)));
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var items = await Rows(query.OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize)).ToListAsync(ct);
        return new Page<AuditRow>(items, total);
    }

    public async Task<AuditRow> GetAsync(ClaimsPrincipal principal, long id, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReviewAuditTrail, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db.AuditEntries.AsNoTracking().Where(e => e.Id == id)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Error.Audit.EntryNotFound");
    }

    public async Task<AuditVerification> VerifyAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReviewAuditTrail, ct: ct);
        return await verifier.VerifyAsync(ct);
    }

    /// <summary>The entries the filter keeps, newest first, as CSV (UTF-8 with BOM, formula-safe) or XLSX, in the current UI language.</summary>
    public async Task<AuditExport> ExportAsync(ClaimsPrincipal principal, AuditFilter filter, bool xlsx, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReviewAuditTrail, ct: ct);
        InputRules.ThrowIfAny(filter.Validate(await KnownTypesAsync(ct)));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        if (await query.CountAsync(ct) > MaxExportRows)
        {
            throw new ValidationFailedException([new FieldError("Export", "Validation.Audit.ExportTooLarge", MaxExportRows)]);
        }

        var rows = await Rows(query.OrderByDescending(e => e.Id)).ToListAsync(ct);
        string[] headers =
        [
            l["Audit.Entry"], l["Audit.When"], l["Audit.User"], l["Audit.UserId"], l["Audit.EntityType"], l["Audit.RecordId"],
            l["Audit.Operation"], l["Audit.Before"], l["Audit.After"], l["Audit.Hash"],
        ];
        var cells = rows.Select(r => new object?[]
        {
            r.Id.ToString(CultureInfo.InvariantCulture), time.ToLocal(r.AtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.UserName, r.UserId ?? "", r.EntityType, r.EntityKey,
            l.Enum(r.Operation), Cell(r.Before, xlsx), Cell(r.After, xlsx), r.Hash,
        }).ToList();
        var table = new SpreadsheetTable(l["Audit.SheetName"], headers, cells, Cultures.IsRightToLeft);
        var stamp = time.Now.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture);
        return xlsx
            ? new AuditExport(table.ToXlsx(), SpreadsheetTable.XlsxContentType, $"audit-{stamp}.xlsx")
            : new AuditExport(table.ToCsv(), SpreadsheetTable.CsvContentType, $"audit-{stamp}.csv");
    }

    private IQueryable<AuditEntry> Filtered(AppDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.UserId == AuditFilter.SystemUser)
        {
            query = query.Where(e => e.UserId == null);
        }
        else if (!string.IsNullOrEmpty(filter.UserId))
        {
            query = query.Where(e => e.UserId == filter.UserId);
        }

        if (!string.IsNullOrEmpty(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.RecordId))
        {
            var key = filter.RecordId.Trim();
            query = query.Where(e => e.EntityKey == key);
        }

        if (filter.Operation is { } operation)
        {
            query = query.Where(e => e.Operation == operation);
        }

        if (filter.From is { } from)
        {
            var fromUtc = time.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.AtUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = time.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.AtUtc < toUtc);
        }

        return query;
    }

    private static IQueryable<AuditRow> Rows(IQueryable<AuditEntry> query) =>
        query.Select(e => new AuditRow(e.Id, e.AtUtc, e.UserId, e.UserName, e.EntityType, e.EntityKey, e.Operation, e.Before, e.After, e.Hash));

    private static string Cell(string? json, bool xlsx) =>
        json is null ? "" : xlsx && json.Length > MaxCellText ? json[..MaxCellText] + "…" : json;

    private async Task<IReadOnlySet<string>> KnownTypesAsync(CancellationToken ct)
    {
        if (_entityTypes is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            _entityTypes = db.Model.GetEntityTypes()
                .Where(t => !t.IsOwned() && t.FindPrimaryKey() is not null && AuditTrail.IsAudited(t.ClrType))
                .Select(AuditTrail.EntityTypeName).ToHashSet(StringComparer.Ordinal);
        }

        return _entityTypes;
    }
}
