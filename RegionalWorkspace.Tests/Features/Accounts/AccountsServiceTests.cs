using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Accounts;

public sealed class AccountsServiceTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private AccountsService Accounts => Host.Get<AccountsService>();

    private static AccountInput Officer(string email, int? regionId) =>
        new() { Email = email, DisplayName = "Hajar Ziani", Role = WorkspaceRole.RegionalOfficer, RegionId = regionId, Password = "Strong-Pass-1" };

    private async Task<int> UserCountAsync()
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Users.CountAsync();
    }

    [Fact]
    public async Task Create_ByAdministrator_CreatesAnAccountThatCanAct()
    {
        var admin = await Host.PrincipalAsync("admin@demo.ma");

        await Accounts.CreateAsync(admin, Officer("hajar.ziani@region-sm.ma", 9));

        var actor = await Host.Get<AccessControl>().FindActorAsync(await Host.PrincipalAsync("hajar.ziani@region-sm.ma"));
        Assert.Equal(new Actor(actor!.UserId, "Hajar Ziani", WorkspaceRole.RegionalOfficer, 9), actor);
    }

    [Theory]
    [InlineData("not-an-email", "Email", "Validation.Email")]
    [InlineData("", "Email", "Validation.Required")]
    [InlineData("officer.rsk@demo.ma", "Email", "Validation.EmailTaken")]
    public async Task Create_BadEmail_IsRefusedAndCreatesNothing(string email, string field, string key)
    {
        var before = await UserCountAsync();

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await Accounts.CreateAsync(await Host.PrincipalAsync("admin@demo.ma"), Officer(email, 4)));

        Assert.Contains(refusal.Errors, e => e.Field == field && e.MessageKey == key);
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Create_OfficerWithoutRegion_IsRefused()
    {
        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await Accounts.CreateAsync(await Host.PrincipalAsync("admin@demo.ma"), Officer("no.region@demo.ma", null)));

        Assert.Contains(refusal.Errors, e => e is { Field: "RegionId", MessageKey: "Validation.RegionRequired" });
    }

    [Fact]
    public async Task Create_WeakPassword_IsRefusedWithThePolicyAndCreatesNothing()
    {
        var before = await UserCountAsync();
        var input = Officer("weak@demo.ma", 4);
        input.Password = "short";

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await Accounts.CreateAsync(await Host.PrincipalAsync("admin@demo.ma"), input));

        Assert.Contains(refusal.Errors, e => e is { Field: "Password", MessageKey: "Identity.PasswordTooShort" });
        Assert.Equal(before, await UserCountAsync());
    }

    [Theory]
    [InlineData("leadership@demo.ma")]
    [InlineData("officer.rsk@demo.ma")]
    [InlineData("arm@demo.ma")]
    public async Task List_NotAnAdministrator_IsRefused(string email)
    {
        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Accounts.ListAsync(await Host.PrincipalAsync(email), null, 0, 25));
    }

    [Fact]
    public async Task Update_RoleChange_TakesEffectAtOnceAndEndsOpenSessions()
    {
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var id = await Accounts.CreateAsync(admin, Officer("moving.officer@demo.ma", 4));
        var principal = await Host.PrincipalAsync("moving.officer@demo.ma");
        var stampBefore = await StampAsync(id);
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);

        await Accounts.UpdateAsync(admin, id, new AccountInput { Email = "moving.officer@demo.ma", DisplayName = "Hajar Ziani", Role = WorkspaceRole.Leadership });

        Assert.NotEqual(stampBefore, await StampAsync(id));
        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Host.Get<BodiesService>().AddMemberAsync(principal, bodyId, new MemberInput { FullName = "X", SeatType = SeatType.Other, Gender = Gender.Male, MandateStart = new DateOnly(2026, 1, 1) }));
        Assert.Equal("Error.Forbidden", refusal.Message);
    }

    [Fact]
    public async Task SetDisabled_DisabledAccount_IsRefusedEverywhereAndCannotSignIn()
    {
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var id = await Accounts.CreateAsync(admin, Officer("leaving.officer@demo.ma", 4));
        var principal = await Host.PrincipalAsync("leaving.officer@demo.ma");

        await Accounts.SetDisabledAsync(admin, id, disabled: true);

        Assert.Null(await Host.Get<AccessControl>().FindActorAsync(principal));
        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => Host.Get<RegionalWorkspace.Features.Regions.RegionsService>().ListSummariesAsync(principal));
        Assert.Equal("Error.SignedOut", refusal.Message);
    }

    [Fact]
    public async Task SetDisabled_Self_IsRefused()
    {
        await using var db = await Host.CreateDbContextAsync();
        var adminId = await db.Users.Where(u => u.Email == "admin@demo.ma").Select(u => u.Id).SingleAsync();

        await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await Accounts.SetDisabledAsync(await Host.PrincipalAsync("admin@demo.ma"), adminId, disabled: true));
        Assert.False(await db.Users.Where(u => u.Id == adminId).Select(u => u.IsDisabled).SingleAsync());
    }

    [Fact]
    public async Task SavePreferences_UnsupportedCulture_IsRefusedAndKeepsTheOldOne()
    {
        var user = await Host.PrincipalAsync("trainer@demo.ma");
        await Accounts.SavePreferencesAsync(user, "ar", darkMode: true);

        await Assert.ThrowsAsync<ValidationFailedException>(() => Accounts.SavePreferencesAsync(user, "xx", null));

        Assert.Equal(new UserPreferences("ar", true), await Accounts.GetPreferencesAsync(user));
    }

    private async Task<string?> StampAsync(string id)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync();
    }
}
