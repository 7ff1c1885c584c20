using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Components.Layout;

public partial class MainLayout
{
    private bool _drawerOpen = true;
    private bool _darkMode;

    [Inject]
    public required AccountsService Accounts { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var state = await AuthenticationState;
            if (state.User.Identity?.IsAuthenticated == true)
            {
                _darkMode = (await Accounts.GetPreferencesAsync(state.User)).DarkMode;
            }
        }
    }

    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        if (AuthenticationState is not null)
        {
            await Accounts.SavePreferencesAsync((await AuthenticationState).User, culture: null, darkMode: _darkMode);
        }
    }
}
