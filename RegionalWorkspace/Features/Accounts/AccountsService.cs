using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Accounts;

/// <summary>
/// Account administration and a user's own preferences. Identity's <see cref="UserManager{TUser}"/> holds a DbContext,
/// so each use case takes its own scope rather than keeping one for a whole circuit.
/// </summary>
public sealed class AccountsService(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> dbFactory, AccessControl access, WorkspaceChanges changes)
{
    public async Task<Page<AccountRow>> ListAsync(ClaimsPrincipal principal, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ManageAccounts, ct: ct);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Users.AsNoTracking();
        if (InputRules.SearchTerm(search) is { } searched)
        {
            var term = searched.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }

        var total = await query.CountAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var rows = await query.OrderBy(u => u.Email)
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.RegionId,
                u.IsDisabled,
                u.LockoutEnd,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);

        return new Page<AccountRow>(
            rows.Select(r => new AccountRow(r.Id, r.Email ?? "", r.DisplayName, ParseRole(r.Role), r.RegionId, r.IsDisabled, r.LockoutEnd > now)).ToList(),
            total);
    }

    public async Task<string> CreateAsync(ClaimsPrincipal principal, AccountInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageAccounts, ct: ct);
        InputRules.ThrowIfAny(await ValidateAsync(input, creating: true, ct));

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await users.FindByEmailAsync(input.Email.Trim()) is not null)
        {
            throw new ValidationFailedException([new FieldError(nameof(AccountInput.Email), "Validation.EmailTaken")]);
        }

        var user = new AppUser
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            RegionId = input.Role == WorkspaceRole.RegionalOfficer ? input.RegionId : null,
            LockoutEnabled = true,
        };

        // Account and role are one transaction: never an account without a role.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            throw new ValidationFailedException(created.Errors
                .Select(e => new FieldError(nameof(AccountInput.Password), "Identity." + e.Code)).ToList());
        }

        ThrowIfFailed(await users.AddToRoleAsync(user, input.Role!.Value.ToString()));
        await transaction.CommitAsync(ct);
        await changes.PublishAsync(actor, AccountChange(user, ChangeKind.Created));
        return user.Id;
    }

    public async Task UpdateAsync(ClaimsPrincipal principal, string userId, AccountInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageAccounts, ct: ct);
        InputRules.ThrowIfAny(await ValidateAsync(input, creating: false, ct));
        if (actor.UserId == userId && input.Role != WorkspaceRole.Administrator)
        {
            throw new ValidationFailedException([new FieldError(nameof(AccountInput.Role), "Validation.OwnAdminRole")]);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException();
        var currentRoles = await users.GetRolesAsync(user);
        var newRole = input.Role!.Value.ToString();
        var newRegion = input.Role == WorkspaceRole.RegionalOfficer ? input.RegionId : null;
        var accessChanged = !currentRoles.SequenceEqual([newRole]) || user.RegionId != newRegion;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = input.DisplayName.Trim();
        user.RegionId = newRegion;
        if (accessChanged)
        {
            ThrowIfFailed(await users.RemoveFromRolesAsync(user, currentRoles));
            ThrowIfFailed(await users.AddToRoleAsync(user, newRole));
            // A new stamp ends the sessions opened under the old role or region (open tabs within seconds).
            await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            ThrowIfFailed(await users.UpdateAsync(user));
        }

        await transaction.CommitAsync(ct);
        await changes.PublishAsync(actor, AccountChange(user, ChangeKind.Updated));
    }

    public async Task SetDisabledAsync(ClaimsPrincipal principal, string userId, bool disabled, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageAccounts, ct: ct);
        if (actor.UserId == userId && disabled)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.DisableSelf")]);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException();
        user.IsDisabled = disabled;
        if (!disabled)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }

        // UpdateSecurityStampAsync saves the user too; the new stamp ends every open session of a disabled account.
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await changes.PublishAsync(actor, AccountChange(user, ChangeKind.Updated));
    }

    public async Task<UserPreferences> GetPreferencesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var prefs = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserPreferences(u.PreferredCulture, u.PrefersDarkMode)).FirstOrDefaultAsync(ct);
        return prefs ?? new UserPreferences(null, false);
    }

    /// <summary>Saves the signed-in user's own language or theme; <paramref name="culture"/> must be one the workspace offers.</summary>
    public async Task SavePreferencesAsync(ClaimsPrincipal principal, string? culture, bool? darkMode, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new AccessDeniedException("Error.SignedOut");
        if (culture is not null && !Cultures.IsSupported(culture))
        {
            throw new ValidationFailedException([new FieldError("Culture", "Validation.Culture")]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new AccessDeniedException("Error.SignedOut");
        user.PreferredCulture = culture ?? user.PreferredCulture;
        user.PrefersDarkMode = darkMode ?? user.PrefersDarkMode;
        await db.SaveChangesAsync(ct);
    }

    internal async Task<List<FieldError>> ValidateAsync(AccountInput input, bool creating, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var email = input.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            errors.Add(new(nameof(AccountInput.Email), "Validation.Required"));
        }
        else if (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors.Add(new(nameof(AccountInput.Email), "Validation.Email"));
        }

        InputRules.Text(errors, nameof(AccountInput.DisplayName), input.DisplayName, required: true, max: 120);
        if (input.Role is not { } role || !Enum.IsDefined(role))
        {
            errors.Add(new(nameof(AccountInput.Role), "Validation.Required"));
        }
        else if (role == WorkspaceRole.RegionalOfficer)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (input.RegionId is null || !await db.Regions.AnyAsync(r => r.Id == input.RegionId, ct))
            {
                errors.Add(new(nameof(AccountInput.RegionId), "Validation.RegionRequired"));
            }
        }

        if (input.RegionId is int regionId && !errors.Any(e => e.Field == nameof(AccountInput.RegionId)))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!await db.Regions.AnyAsync(r => r.Id == regionId, ct))
            {
                errors.Add(new(nameof(AccountInput.RegionId), "Validation.Choose"));
            }
        }

        if (creating && string.IsNullOrEmpty(input.Password))
        {
            errors.Add(new(nameof(AccountInput.Password), "Validation.Required"));
        }
        else if (input.Password is { Length: > AccountInput.MaxPassword })
        {
            // Hashing a megabyte for every attempt would be a cheap way to load the server.
            errors.Add(new(nameof(AccountInput.Password), "Validation.TooLong", AccountInput.MaxPassword));
        }
        else if (input.Password is { } password && InputRules.HasForbiddenCharacters(password))
        {
            errors.Add(new(nameof(AccountInput.Password), "Validation.ControlCharacters"));
        }

        return errors;
    }

    private static Change AccountChange(AppUser user, ChangeKind kind) =>
        new(Capability.Accounts, "Account", 0, user.RegionId, kind, 0, user.Email ?? user.DisplayName, "/admin/accounts", Audience: Audience.Administrators);

    private static WorkspaceRole? ParseRole(string? name) => Enum.TryParse<WorkspaceRole>(name, out var role) ? role : null;

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
