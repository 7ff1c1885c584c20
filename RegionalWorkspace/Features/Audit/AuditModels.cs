using System.Text.Json;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Audit;

/// <summary>What to show of the trail. <see cref="UserId"/> is an account id, or <see cref="SystemUser"/> for the system.</summary>
public sealed record AuditFilter(
    string? UserId = null,
    string? EntityType = null,
    string? RecordId = null,
    AuditOperation? Operation = null,
    DateOnly? From = null,
    DateOnly? To = null)
{
    public const string SystemUser = "system";

    public const int MaxRecordId = 100;

    public List<FieldError> Validate(IReadOnlySet<string> entityTypes)
    {
        var errors = new List<FieldError>();
        if (EntityType is not null && !entityTypes.Contains(EntityType))
        {
            errors.Add(new FieldError(nameof(EntityType), "Validation.Audit.UnknownType"));
        }

        if (RecordId is { Length: > MaxRecordId })
        {
            errors.Add(new FieldError(nameof(RecordId), "Validation.TooLong", MaxRecordId));
        }

        if (RecordId is not null && RecordId.Any(char.IsControl))
        {
            errors.Add(new FieldError(nameof(RecordId), "Validation.Audit.RecordId"));
        }

        if (UserId is { Length: > 64 })
        {
            errors.Add(new FieldError(nameof(UserId), "Validation.Audit.UnknownUser"));
        }

        if (Operation is { } op && !Enum.IsDefined(op))
        {
            errors.Add(new FieldError(nameof(Operation), "Validation.Audit.UnknownOperation"));
        }

        InputRules.Date(errors, nameof(From), From, required: false);
        InputRules.Date(errors, nameof(To), To, required: false);
        if (From is { } from && To is { } to && to < from)
        {
            errors.Add(new FieldError(nameof(To), "Validation.Audit.DateRange"));
        }

        return errors;
    }
}

public sealed record AuditRow(
    long Id, DateTime AtUtc, string? UserId, string UserName, string EntityType, string EntityKey, AuditOperation Operation,
    string? Before, string? After, string Hash)
{
    /// <summary>Each property the entry records, with its value before and after (null where there is none).</summary>
    public IReadOnlyList<AuditValue> Values()
    {
        var before = Parse(Before);
        var after = Parse(After);
        return before.Keys.Union(after.Keys)
            .Select(name => new AuditValue(name, before.GetValueOrDefault(name), after.GetValueOrDefault(name)))
            .ToList();
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.GetRawText(),
            };
        }

        return values;
    }
}

public sealed record AuditValue(string Property, string? Before, string? After);

public sealed record AuditUserOption(string Id, string Name);

public sealed record AuditExport(byte[] Content, string ContentType, string FileName);
