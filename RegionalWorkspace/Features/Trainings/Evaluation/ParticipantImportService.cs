using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

/// <summary>
/// Registers a region's participants for a session from a CSV file. Every row is checked first (the participant rules,
/// the same person twice in the file, people already registered); if any row is refused nothing is saved and the report
/// names each refused row and why. When every row is valid they are all registered in one transaction (places left
/// first, then the waiting list) and one change is announced.
/// </summary>
public sealed class ParticipantImportService(IDbContextFactory<AppDbContext> dbFactory, RegistrationsService registrations)
{
    public const long MaxBytes = 1024 * 1024;
    public const int MaxRows = 1_000;

    /// <summary>Reads and checks the file without saving anything.</summary>
    public async Task<ImportReport> CheckAsync(ClaimsPrincipal principal, int sessionId, int regionId, byte[] content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await registrations.DemandRegistrarAsync(db, principal, sessionId, regionId, ct);
        var (report, _) = await CheckAsync(db, sessionId, regionId, content, ct);
        return report;
    }

    /// <summary>Checks the file again (things may have changed since the preview), then registers everyone, or no one.</summary>
    public async Task<ImportReport> ImportAsync(ClaimsPrincipal principal, int sessionId, int regionId, byte[] content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await registrations.DemandRegistrarAsync(db, principal, sessionId, regionId, ct);
        var (report, inputs) = await CheckAsync(db, sessionId, regionId, content, ct);
        if (!report.CanImport)
        {
            return report;
        }

        var participants = new List<Participant>(inputs.Count);
        foreach (var input in inputs)
        {
            participants.Add(await RegistrationsService.FindOrCreateAsync(db, input, ct));
        }

        IReadOnlyList<RegistrationStatus> statuses;
        try
        {
            statuses = await registrations.RegisterAllAsync(db, actor, sessionId, participants, isWalkIn: false, ct);
        }
        catch (ValidationFailedException ex) when (ex.Errors.Any(e => e.MessageKey == "Validation.AlreadyRegistered"))
        {
            // Someone registered one of these people between the check and the save: everything was rolled back.
            throw new ValidationFailedException([new FieldError(CsvFile.Field, "Import.ChangedMeanwhile")]);
        }

        var registered = statuses.Count(s => s == RegistrationStatus.Registered);
        return report with { Imported = true, Registered = registered, Waitlisted = statuses.Count - registered };
    }

    private static async Task<(ImportReport Report, List<ParticipantInput> Inputs)> CheckAsync(
        AppDbContext db, int sessionId, int regionId, byte[] content, CancellationToken ct)
    {
        if (content.LongLength > MaxBytes)
        {
            throw new ValidationFailedException([new FieldError(CsvFile.Field, "Validation.FileTooLarge", MaxBytes / (1024 * 1024))]);
        }

        var session = await db.TrainingSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.IsCancelled, s.Capacity }).FirstAsync(ct);
        if (session.IsCancelled)
        {
            throw new ValidationFailedException([new FieldError(CsvFile.Field, "Validation.SessionCancelled")]);
        }

        var (_, records) = CsvFile.Read(content, MaxRows);
        var columns = Columns(records[0]);
        var active = await db.Registrations.AsNoTracking().Where(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled)
            .Select(r => new { r.Participant!.Email, r.Participant.FullName, r.Status, r.IsWalkIn }).ToListAsync(ct);
        var registeredEmails = active.Where(a => a.Email != null).Select(a => a.Email!).ToHashSet(StringComparer.Ordinal);
        var registeredNames = active.Where(a => a.Email == null).Select(a => NameKey(a.FullName)).ToHashSet(StringComparer.Ordinal);
        var placesLeft = session.Capacity - active.Count(a => a.Status == RegistrationStatus.Registered && !a.IsWalkIn);

        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        var inputs = new List<ParticipantInput>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != columns.Count)
            {
                throw new ValidationFailedException([new FieldError(CsvFile.Field, "Import.ColumnCount", record.Line, record.Fields.Count, columns.Count)]);
            }

            var (input, errors) = Row(record, columns, regionId);
            var email = InputRules.Clean(input.Email)?.ToLowerInvariant();
            var identity = email ?? "name:" + NameKey(input.FullName);
            if (errors.Count == 0 && firstLineOf.TryGetValue(identity, out var firstLine))
            {
                errors.Add(new(email is null ? nameof(ParticipantColumn.FullName) : nameof(ParticipantColumn.Email), "Import.DuplicateInFile", firstLine));
            }
            else if (errors.Count == 0 && (email is null ? registeredNames.Contains(NameKey(input.FullName)) : registeredEmails.Contains(email)))
            {
                errors.Add(new(email is null ? nameof(ParticipantColumn.FullName) : nameof(ParticipantColumn.Email), "Import.AlreadyRegistered"));
            }

            if (input.FullName.Length > 0)
            {
                firstLineOf.TryAdd(identity, record.Line);
            }

            var name = InputRules.Clean(input.FullName);
            rows.Add(new ImportRow(record.Line, name ?? "", email, input.Gender, input.Audience, errors.Count == 0));
            problems.AddRange(errors.Select(e => new ImportProblem(record.Line, name, Enum.TryParse<ParticipantColumn>(e.Field, out var column) ? column : null, e)));
            inputs.Add(input);
        }

        if (rows.Count == 0)
        {
            throw new ValidationFailedException([new FieldError(CsvFile.Field, "Import.NoRows")]);
        }

        return (new ImportReport(rows, problems, placesLeft, Imported: false, Registered: 0, Waitlisted: 0), inputs);
    }

    /// <summary>Which column holds what; a header that is not understood, or lacks a required column, refuses the file.</summary>
    private static List<ParticipantColumn> Columns(CsvRecord header)
    {
        var columns = header.Fields.Select(ParticipantCsv.ColumnOf).ToList();
        if (columns.All(c => c is null))
        {
            throw new ValidationFailedException([new FieldError(CsvFile.Field, "Import.NoHeader", Accepted())]);
        }

        var errors = new List<FieldError>();
        var unknown = header.Fields.Where((_, i) => columns[i] is null).Select(f => $"« {f.Trim()} »").ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new(CsvFile.Field, "Import.UnknownColumns", string.Join(", ", unknown), Accepted()));
        }

        var twice = columns.OfType<ParticipantColumn>().GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            errors.Add(new(CsvFile.Field, "Import.ColumnTwice", string.Join(", ", twice.Select(c => header.Fields[columns.IndexOf(c)].Trim()))));
        }

        var missing = ParticipantCsv.Required.Where(r => !columns.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new(CsvFile.Field, "Import.MissingColumns", string.Join(", ", missing.Select(m => ParticipantCsv.TemplateHeader("fr")[(int)m]))));
        }

        InputRules.ThrowIfAny(errors);
        return columns.Select(c => c!.Value).ToList();
    }

    private static string Accepted() => string.Join(", ", ParticipantCsv.TemplateHeader("fr").Concat(ParticipantCsv.TemplateHeader("en")).Distinct());

    /// <summary>One row as a participant, and what is wrong with it (with the file's own column names).</summary>
    private static (ParticipantInput Input, List<FieldError> Errors) Row(CsvRecord record, List<ParticipantColumn> columns, int regionId)
    {
        string? Cell(ParticipantColumn column) => columns.Contains(column) ? record.Fields[columns.IndexOf(column)] : null;

        var errors = new List<FieldError>();
        var gender = Cell(ParticipantColumn.Gender);
        var audience = Cell(ParticipantColumn.Audience);
        var input = new ParticipantInput
        {
            FullName = Cell(ParticipantColumn.FullName)?.Trim() ?? "",
            Function = Cell(ParticipantColumn.Function),
            Organisation = Cell(ParticipantColumn.Organisation),
            Email = Cell(ParticipantColumn.Email)?.Trim(),
            Phone = Cell(ParticipantColumn.Phone),
            Gender = string.IsNullOrWhiteSpace(gender) ? null : ParticipantCsv.GenderOf(gender),
            Audience = string.IsNullOrWhiteSpace(audience) ? null : ParticipantCsv.AudienceOf(audience),
            RegionId = regionId,
        };

        foreach (var error in input.Validate())
        {
            errors.Add(error.Field switch
            {
                nameof(ParticipantInput.Gender) when string.IsNullOrWhiteSpace(gender) => new(error.Field, "Validation.Required"),
                nameof(ParticipantInput.Gender) => new(error.Field, "Import.UnknownGender", gender!.Trim(), ParticipantCsv.GenderValues),
                nameof(ParticipantInput.Audience) when string.IsNullOrWhiteSpace(audience) => new(error.Field, "Validation.Required"),
                nameof(ParticipantInput.Audience) => new(error.Field, "Import.UnknownAudience", audience!.Trim(), ParticipantCsv.AudienceValues),
                _ => error,
            });
        }

        return (input, errors);
    }

    private static string NameKey(string name) => ParticipantCsv.Key(name);
}
