using Microsoft.AspNetCore.Identity;

namespace RegionalWorkspace.Features.Accounts;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The region a regional officer is bound to; null for every other role.</summary>
    public int? RegionId { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>"fr", "ar" or "en"; null until the user picks a language.</summary>
    public string? PreferredCulture { get; set; }

    public bool PrefersDarkMode { get; set; }
}
