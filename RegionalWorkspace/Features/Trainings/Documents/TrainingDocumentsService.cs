using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Resources;
using UglyToad.PdfPig.Writer;

namespace RegionalWorkspace.Features.Trainings.Documents;

/// <summary>
/// A session's documents, in French or Arabic: the attendance sheet to sign (PDF), certificates of attendance for the
/// people marked Present or Late (PDF, one page each), and the attendance list (XLSX, CSV).
/// Whoever may export documents gets the sheet and the lists; certificates are issued by those who take attendance
/// (trainers for the sessions they give, administrators, coordinators and CESE staff), as DOMAIN.md's roles say.
/// </summary>
public sealed class TrainingDocumentsService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    AttendanceService attendance,
    PdfEngine pdf,
    IStringLocalizer<Strings> localizer,
    WorkspaceTime time,
    TimeProvider clock)
{
    /// <summary>Certificates printed in one go; more are printed in parts of this size and joined.</summary>
    public const int CertificatesPerPart = 25;

    /// <summary>The languages the documents are written in.</summary>
    public static readonly IReadOnlyList<string> Languages = [Cultures.French, Cultures.Arabic];

    /// <summary>The session's facts and its registered participants (sorted by name) with their marks.</summary>
    public async Task<SessionDocumentData> LoadAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ExportDocuments, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadAsync(db, sessionId, ct);
    }

    /// <summary>Whether <paramref name="principal"/> may issue this session's certificates (to show or hide the buttons).</summary>
    public async Task<bool> CanIssueCertificatesAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await DemandIssuerAsync(db, principal, sessionId, ct);
            return true;
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            return false;
        }
    }

    /// <summary>One of the session's documents as a file to download.</summary>
    public Task<GeneratedFile> ExportAsync(ClaimsPrincipal principal, int sessionId, SessionDocument document, string? culture, int? participantId = null, CancellationToken ct = default) =>
        document switch
        {
            SessionDocument.AttendanceSheet => AttendanceSheetAsync(principal, sessionId, culture, ct),
            SessionDocument.Certificates => CertificatesAsync(principal, sessionId, culture, participantId, ct),
            SessionDocument.AttendanceXlsx => AttendanceListAsync(principal, sessionId, culture, xlsx: true, ct),
            SessionDocument.AttendanceCsv => AttendanceListAsync(principal, sessionId, culture, xlsx: false, ct),
            _ => throw new ValidationFailedException([new FieldError("Document", "Validation.Choose")]),
        };

    /// <summary>The attendance sheet, <c>emargement-session-&lt;id&gt;-&lt;session date&gt;.pdf</c>.</summary>
    public async Task<GeneratedFile> AttendanceSheetAsync(ClaimsPrincipal principal, int sessionId, string? culture, CancellationToken ct = default)
    {
        var (actor, data) = await PrepareAsync(principal, sessionId, culture, issuing: false, ct);
        var (parameters, info) = SheetDocument(actor, data, culture!);
        var bytes = await RenderPdfAsync<AttendanceSheetDocument>(parameters, info, ct);
        return new GeneratedFile(FileName("emargement-session", data, "pdf"), "application/pdf", bytes);
    }

    /// <summary>
    /// Certificates: all the people marked Present or Late (<c>attestations-session-…pdf</c>, one page each), or one of
    /// them (<c>attestation-&lt;participant&gt;-session-…pdf</c>). Refused when nobody (or not that person) attended.
    /// </summary>
    public async Task<GeneratedFile> CertificatesAsync(ClaimsPrincipal principal, int sessionId, string? culture, int? participantId = null, CancellationToken ct = default)
    {
        var (actor, data) = await PrepareAsync(principal, sessionId, culture, issuing: true, ct);
        var (parameters, info, people) = CertificatesDocument(actor, data, culture!, participantId);
        var bytes = await RenderCertificatesAsync(parameters, info, people, ct);
        var prefix = participantId is null ? "attestations-session" : $"attestation-{people[0].ParticipantId}-session";
        return new GeneratedFile(FileName(prefix, data, "pdf"), "application/pdf", bytes);
    }

    /// <summary>The HTML of a PDF document as it is printed (tests read the Arabic there, where text order is logical).</summary>
    public async Task<string> RenderHtmlAsync(ClaimsPrincipal principal, int sessionId, SessionDocument document, string? culture, int? participantId = null, CancellationToken ct = default)
    {
        var issuing = document == SessionDocument.Certificates;
        var (actor, data) = await PrepareAsync(principal, sessionId, culture, issuing, ct, needsBrowser: false);
        return document switch
        {
            SessionDocument.AttendanceSheet => await pdf.RenderHtmlAsync<AttendanceSheetDocument>(SheetDocument(actor, data, culture!).Parameters, culture!),
            SessionDocument.Certificates => await pdf.RenderHtmlAsync<CertificatesDocument>(CertificatesDocument(actor, data, culture!, participantId).Parameters, culture!),
            _ => throw new ValidationFailedException([new FieldError("Document", "Validation.Choose")]),
        };
    }

    private async Task<GeneratedFile> AttendanceListAsync(ClaimsPrincipal principal, int sessionId, string? culture, bool xlsx, CancellationToken ct)
    {
        var (_, data) = await PrepareAsync(principal, sessionId, culture, issuing: false, ct, needsBrowser: false);
        var table = InCulture(culture!, () => Table(data));
        return xlsx
            ? new GeneratedFile(FileName("presences-session", data, "xlsx"), SpreadsheetTable.XlsxContentType, table.ToXlsx())
            : new GeneratedFile(FileName("presences-session", data, "csv"), SpreadsheetTable.CsvContentType, table.ToCsv());
    }

    /// <summary>The checks every document makes, in order: language (400), permission (403), session (404), browser (503).</summary>
    private async Task<(Actor Actor, SessionDocumentData Data)> PrepareAsync(ClaimsPrincipal principal, int sessionId, string? culture, bool issuing, CancellationToken ct, bool needsBrowser = true)
    {
        if (culture is null || !Languages.Contains(culture))
        {
            throw new ValidationFailedException([new FieldError("lang", "Validation.DocumentLanguage")]);
        }

        var actor = await access.DemandAsync(principal, UseCase.ExportDocuments, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (issuing)
        {
            await DemandIssuerAsync(db, principal, sessionId, ct);
        }

        var data = await LoadAsync(db, sessionId, ct);
        if (needsBrowser && !pdf.IsAvailable)
        {
            throw new PdfUnavailableException(pdf.BrowserPath);
        }

        return (actor, data);
    }

    /// <summary>Certificates are issued by those who take attendance: trainers for their own sessions, and the coordinators.</summary>
    private Task<Actor> DemandIssuerAsync(AppDbContext db, ClaimsPrincipal principal, int sessionId, CancellationToken ct) =>
        attendance.DemandTrainerAsync(db, principal, sessionId, ct);

    private async Task<SessionDocumentData> LoadAsync(AppDbContext db, int sessionId, CancellationToken ct)
    {
        var session = await db.TrainingSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new
            {
                s.Id,
                s.Programme!.Title,
                s.Programme.TitleAr,
                s.Programme.Organisers,
                s.Programme.Audience,
                s.StartsAtUtc,
                s.DurationMinutes,
                s.Place,
                s.OnlineLink,
                s.IsCancelled,
            })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Error.SessionNotFound");
        var regions = await db.SessionRegions.AsNoTracking().Where(r => r.SessionId == sessionId).OrderBy(r => r.RegionId)
            .Select(r => new DocumentRegion(r.RegionId, r.Region!.NameFr, r.Region.NameAr)).ToListAsync(ct);
        var trainers = await db.Users.AsNoTracking().Where(u => db.SessionTrainers.Any(t => t.SessionId == sessionId && t.UserId == u.Id))
            .OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync(ct);

        var rows = await db.Registrations.AsNoTracking().Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered)
            .Select(r => new
            {
                r.ParticipantId,
                r.Participant!.FullName,
                r.Participant.Function,
                r.Participant.Organisation,
                r.Participant.Email,
                r.Participant.Phone,
                r.Participant.Gender,
                Region = new DocumentRegion(r.Participant.RegionId, r.Participant.Region!.NameFr, r.Participant.Region.NameAr),
                r.Participant.Audience,
                r.IsWalkIn,
                Mark = db.AttendanceMarks.FirstOrDefault(m => m.SessionId == sessionId && m.ParticipantId == r.ParticipantId),
            })
            .ToListAsync(ct);

        // Sorted here, not in SQL: accents and both scripts in the French collation, the same on SQLite and PostgreSQL.
        var byName = StringComparer.Create(Cultures.Get(Cultures.French), CompareOptions.IgnoreCase);
        var participants = rows
            .Select(r => new DocumentParticipant(
                r.ParticipantId, r.FullName, r.Function, r.Organisation, r.Email, r.Phone, r.Gender, r.Region, r.Audience, r.IsWalkIn,
                r.Mark?.Status, r.Mark?.Remark, r.Mark?.MarkedBy, r.Mark is null ? null : time.ToLocal(r.Mark.MarkedAtUtc)))
            .OrderBy(p => p.FullName, byName).ThenBy(p => p.ParticipantId)
            .ToList();
        var starts = time.ToLocal(session.StartsAtUtc);
        return new SessionDocumentData(
            session.Id, session.Title, session.TitleAr, session.Organisers, session.Audience, starts, time.ToLocal(session.StartsAtUtc.AddMinutes(session.DurationMinutes)),
            session.DurationMinutes, session.Place, session.OnlineLink, session.IsCancelled, regions, trainers, participants);
    }

    private (Dictionary<string, object?> Parameters, PdfDocumentInfo Info) SheetDocument(Actor actor, SessionDocumentData data, string culture)
    {
        var title = InCulture(culture, () => localizer["Documents.Sheet.DocumentTitle", data.Title].Value);
        var parameters = new Dictionary<string, object?>
        {
            [nameof(AttendanceSheetDocument.Data)] = data,
            [nameof(AttendanceSheetDocument.Title)] = title,
            [nameof(AttendanceSheetDocument.Author)] = actor.DisplayName,
            [nameof(AttendanceSheetDocument.GeneratedAt)] = clock.GetUtcNow(),
        };
        return (parameters, new PdfDocumentInfo(title, actor.DisplayName, culture));
    }

    private (Dictionary<string, object?> Parameters, PdfDocumentInfo Info, IReadOnlyList<DocumentParticipant> People) CertificatesDocument(
        Actor actor, SessionDocumentData data, string culture, int? participantId)
    {
        IReadOnlyList<DocumentParticipant> people;
        string title;
        if (participantId is { } id)
        {
            var person = data.Participants.FirstOrDefault(p => p.ParticipantId == id) ?? throw new NotFoundException("Error.NotRegisteredForSession");
            if (!person.Attended)
            {
                throw new ValidationFailedException([new FieldError("participant", "Validation.CertificateNotAttended", person.FullName)]);
            }

            people = [person];
            title = InCulture(culture, () => localizer["Documents.Certificate.DocumentTitleOne", person.FullName, data.Title].Value);
        }
        else
        {
            people = [.. data.Attendees];
            if (people.Count == 0)
            {
                throw new ValidationFailedException([new FieldError("participant", "Validation.NobodyAttended")]);
            }

            title = InCulture(culture, () => localizer["Documents.Certificate.DocumentTitle", data.Title].Value);
        }

        var parameters = new Dictionary<string, object?>
        {
            [nameof(Documents.CertificatesDocument.Data)] = data,
            [nameof(Documents.CertificatesDocument.People)] = people,
            [nameof(Documents.CertificatesDocument.Title)] = title,
            [nameof(Documents.CertificatesDocument.Author)] = actor.DisplayName,
            [nameof(Documents.CertificatesDocument.GeneratedAt)] = clock.GetUtcNow(),
        };
        return (parameters, new PdfDocumentInfo(title, actor.DisplayName, culture), people);
    }

    private async Task<byte[]> RenderPdfAsync<TDocument>(Dictionary<string, object?> parameters, PdfDocumentInfo info, CancellationToken ct)
        where TDocument : IComponent =>
        await pdf.RenderAsync<TDocument>(parameters, info, ct);

    /// <summary>
    /// Certificates are printed <see cref="CertificatesPerPart"/> at a time and the parts joined: each document then stays
    /// well within <c>Pdf:Timeout</c> however many people attended, and other users' documents get their turn between parts.
    /// </summary>
    private async Task<byte[]> RenderCertificatesAsync(Dictionary<string, object?> parameters, PdfDocumentInfo info, IReadOnlyList<DocumentParticipant> people, CancellationToken ct)
    {
        if (people.Count <= CertificatesPerPart)
        {
            return await RenderPdfAsync<CertificatesDocument>(parameters, info, ct);
        }

        var parts = new List<byte[]>();
        foreach (var part in people.Chunk(CertificatesPerPart))
        {
            parts.Add(await RenderPdfAsync<CertificatesDocument>(new(parameters) { [nameof(Documents.CertificatesDocument.People)] = part }, info, ct));
        }

        return PdfMetadata.WithInfo(PdfMerger.Merge(parts), info.Title, info.Author, clock.GetUtcNow());
    }

    /// <summary>The attendance list with headers and labels in the current culture; times in Morocco time.</summary>
    private SpreadsheetTable Table(SessionDocumentData data)
    {
        var l = localizer;
        string[] headers =
        [
            l["Documents.Column.FullName"], l["Documents.Column.Function"], l["Documents.Column.Organisation"], l["Documents.Column.Email"],
            l["Documents.Column.Phone"], l["Documents.Column.Gender"], l["Documents.Column.Region"], l["Documents.Column.Audience"],
            l["Documents.Column.Registration"], l["Documents.Column.Status"], l["Documents.Column.Remark"], l["Documents.Column.MarkedBy"],
            l["Documents.Column.MarkedAt"],
        ];
        var rows = data.Participants.Select(p => new object?[]
        {
            p.FullName, p.Function, p.Organisation, p.Email, p.Phone, l.Enum(p.Gender), p.Region.Name, l.Enum(p.Audience),
            p.IsWalkIn ? l["Documents.WalkIn"].Value : l["Documents.Registered"].Value,
            p.Status is { } status ? l.Enum(status) : l["Documents.NotMarked"].Value,
            p.Remark, p.MarkedBy, p.MarkedAtLocal,
        }).ToList();
        return new SpreadsheetTable(l["Documents.SheetName"], headers, rows, Cultures.IsRightToLeft);
    }

    /// <summary><c>prefix-&lt;session id&gt;-&lt;session date&gt;.ext</c>: the session's local date names the file.</summary>
    private static string FileName(string prefix, SessionDocumentData data, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{data.SessionId}-{data.StartsAtLocal:yyyy-MM-dd}.{extension}");

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Cultures.Get(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
