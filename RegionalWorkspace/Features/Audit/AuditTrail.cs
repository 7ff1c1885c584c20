using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Notifications;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Audit;

/// <summary>A change seen before the save; an insert's values (and generated key) are read after it.</summary>
public sealed class PendingAudit(EntityEntry entry, AuditOperation operation, string? key, string? before, string? after)
{
    public EntityEntry Entry { get; } = entry;

    public AuditOperation Operation { get; } = operation;

    public string? Key { get; } = key;

    public string? Before { get; } = before;

    public string? After { get; } = after;
}

/// <summary>
/// Turns a context's pending changes into audit entries and appends them to the chain, inside the save's transaction.
/// Secrets (password hashes, security stamps, tokens, check-in secrets, personal codes) are written as
/// <see cref="Redacted"/>: the entry shows that they changed, never their value. Derived or technical tables are not
/// audited: the activity feed and notifications (messages about audited changes), the practice search index, Data
/// Protection keys, and the audit trail itself. Writes go through SaveChanges so that they are recorded: no service
/// changes audited rows with a bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> (AuditCoverageTests checks the source);
/// the one exception is the training session's registration turn counter, a lock that changes no record's meaning.
/// </summary>
public static class AuditTrail
{
    public const string Redacted = "[redacted]";

    /// <summary>PostgreSQL advisory lock that serialises appends across every server sharing the database.</summary>
    public const long ChainLockKey = 727_002;

    private const int RowsPerInsert = 400;

    private static readonly HashSet<Type> s_notAudited =
    [
        typeof(AuditEntry), typeof(ActivityEntry), typeof(Notification), typeof(PracticeSearchDocument), typeof(DataProtectionKey),
    ];

    private static readonly HashSet<string> s_secretProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), "CheckInSecret", "PersonalCode",
    };

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] s_columns =
        ["Id", "AtUtc", "UserId", "UserName", "EntityType", "EntityKey", "Operation", "Before", "After", "PreviousHash", "Hash"];

    public static bool IsAudited(Type type) => !s_notAudited.Contains(type);

    /// <summary>The changes a save is about to make. Throws if the save would change or add an audit entry itself.</summary>
    public static List<PendingAudit> Capture(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var pending = new List<PendingAudit>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is AuditEntry)
            {
                throw new InvalidOperationException("The audit trail is append-only: its entries are never added, changed or deleted through the model.");
            }

            if (s_notAudited.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(new PendingAudit(entry, AuditOperation.Insert, null, null, null));
                    break;
                case EntityState.Deleted:
                    pending.Add(new PendingAudit(entry, AuditOperation.Delete, KeyOf(entry, original: true), Values(entry, original: true, onlyChanged: false), null));
                    break;
                default:
                    var before = Values(entry, original: true, onlyChanged: true);
                    if (before is not null)
                    {
                        pending.Add(new PendingAudit(entry, AuditOperation.Update, KeyOf(entry, original: false), before, Values(entry, original: false, onlyChanged: true)));
                    }

                    break;
            }
        }

        return pending;
    }

    /// <summary>On PostgreSQL, waits for the chain (until the transaction ends); SQLite serialises writers by itself.</summary>
    public static async Task LockChainAsync(AppDbContext db, CancellationToken ct)
    {
        if (db is PostgresAppDbContext)
        {
            await using var command = Command(db, $"SELECT pg_advisory_xact_lock({ChainLockKey})");
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static void LockChain(AppDbContext db)
    {
        if (db is PostgresAppDbContext)
        {
            using var command = Command(db, $"SELECT pg_advisory_xact_lock({ChainLockKey})");
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Appends the entries after the last one, in the current transaction, after the changes were written.</summary>
    public static async Task AppendAsync(AppDbContext db, IReadOnlyList<PendingAudit> pending, AuditIdentity who, CancellationToken ct)
    {
        (long Id, string Hash)? last = null;
        await using (var read = Command(db, """SELECT "Id", "Hash" FROM "AuditEntries" ORDER BY "Id" DESC LIMIT 1"""))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                last = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        foreach (var chunk in Chain(pending, who, last).Chunk(RowsPerInsert))
        {
            await using var insert = InsertCommand(db, chunk);
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    public static void Append(AppDbContext db, IReadOnlyList<PendingAudit> pending, AuditIdentity who)
    {
        (long Id, string Hash)? last = null;
        using (var read = Command(db, """SELECT "Id", "Hash" FROM "AuditEntries" ORDER BY "Id" DESC LIMIT 1"""))
        using (var reader = read.ExecuteReader())
        {
            if (reader.Read())
            {
                last = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        foreach (var chunk in Chain(pending, who, last).Chunk(RowsPerInsert))
        {
            using var insert = InsertCommand(db, chunk);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The entries that follow <paramref name="last"/>, hashes computed in memory.</summary>
    private static List<AuditEntry> Chain(IReadOnlyList<PendingAudit> pending, AuditIdentity who, (long Id, string Hash)? last)
    {
        var at = AuditHash.Truncate(DateTime.UtcNow);
        var id = last?.Id ?? 0;
        var previous = last?.Hash ?? AuditHash.Genesis;
        var entries = new List<AuditEntry>(pending.Count);
        foreach (var change in pending)
        {
            var insert = change.Operation == AuditOperation.Insert;
            var entry = new AuditEntry
            {
                Id = ++id,
                AtUtc = at,
                UserId = who.UserId,
                UserName = Truncate(who.Name, 120),
                EntityType = EntityTypeName(change.Entry.Metadata),
                EntityKey = insert ? KeyOf(change.Entry, original: false) : change.Key!,
                Operation = change.Operation,
                Before = change.Before,
                After = insert ? Values(change.Entry, original: false, onlyChanged: false) : change.After,
                PreviousHash = previous,
                Hash = "",
            };
            entry.Hash = AuditHash.Compute(entry);
            previous = entry.Hash;
            entries.Add(entry);
        }

        return entries;
    }

    private static DbCommand InsertCommand(AppDbContext db, AuditEntry[] rows)
    {
        var sql = new StringBuilder("INSERT INTO \"AuditEntries\" (");
        sql.AppendJoin(", ", s_columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
        var command = Command(db, "");
        for (var r = 0; r < rows.Length; r++)
        {
            var e = rows[r];
            object?[] values = [e.Id, e.AtUtc, e.UserId, e.UserName, e.EntityType, e.EntityKey, e.Operation.ToString(), e.Before, e.After, e.PreviousHash, e.Hash];
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < values.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{r}_{c}";
                parameter.Value = values[c] ?? DBNull.Value;
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }

    private static DbCommand Command(AppDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    /// <summary>The CLR name without generic arity (<c>IdentityUserRole</c>), or the name of a shared-type entity.</summary>
    public static string EntityTypeName(Microsoft.EntityFrameworkCore.Metadata.IEntityType type)
    {
        var name = type.HasSharedClrType ? type.Name : type.ClrType.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return Truncate(tick > 0 ? name[..tick] : name, 64);
    }

    private static string KeyOf(EntityEntry entry, bool original)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return "";
        }

        return Truncate(string.Join('/', key.Properties.Select(p =>
        {
            var property = entry.Property(p.Name);
            return Format(original ? property.OriginalValue : property.CurrentValue);
        })), 100);
    }

    /// <summary>A JSON object of the entry's values (or only the changed ones); null when nothing changed.</summary>
    private static string? Values(EntityEntry entry, bool original, bool onlyChanged)
    {
        using var buffer = new MemoryStream();
        var any = false;
        using (var json = new Utf8JsonWriter(buffer, s_json))
        {
            json.WriteStartObject();
            foreach (var property in entry.Properties)
            {
                var metadata = property.Metadata;
                if (metadata.Name == nameof(IdentityUser.ConcurrencyStamp) && typeof(IdentityUser).IsAssignableFrom(entry.Metadata.ClrType))
                {
                    // Identity's own optimistic-concurrency token: a new random value on every save, no meaning to a reader.
                    continue;
                }

                if (onlyChanged && metadata.GetValueComparer().Equals(property.OriginalValue, property.CurrentValue))
                {
                    continue;
                }

                any = true;
                json.WritePropertyName(metadata.Name);
                if (IsSecret(entry, metadata.Name))
                {
                    json.WriteStringValue(Redacted);
                }
                else
                {
                    WriteValue(json, original ? property.OriginalValue : property.CurrentValue);
                }
            }

            json.WriteEndObject();
        }

        return any ? Encoding.UTF8.GetString(buffer.ToArray()) : null;
    }

    private static bool IsSecret(EntityEntry entry, string property) =>
        s_secretProperties.Contains(property)
        || property.Contains("Password", StringComparison.OrdinalIgnoreCase)
        || property.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || property.Contains("Token", StringComparison.OrdinalIgnoreCase)
        || (property == nameof(IdentityUserToken<string>.Value) && entry.Entity is IdentityUserToken<string>)
        || (property == nameof(IdentityUserLogin<string>.ProviderKey) && entry.Entity is IdentityUserLogin<string>);

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case decimal d:
                json.WriteNumberValue(d);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                break;
            default:
                json.WriteStringValue(Format(value));
                break;
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + (d.Kind == DateTimeKind.Utc ? "Z" : ""),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
