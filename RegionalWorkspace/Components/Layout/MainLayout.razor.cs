using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Components.Layout;

public partial class MainLayout
{
    private bool _drawerOpen = true;
    private bool _darkMode;
    private ErrorBoundary? _pageErrors;

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

    // Each navigation gives the new page a fresh start.
    protected override void OnParametersSet() => _pageErrors?.Recover();

    private void RecoverPage() => _pageErrors?.Recover();

    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        if (AuthenticationState is not null)
        {
            await Accounts.SavePreferencesAsync((await AuthenticationState).User, culture: null, darkMode: _darkMode);
        }
    }
}
