using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Shell;

public sealed class EditDialogFrameTests : WorkspaceComponentTest
{
    [Fact]
    public void FormErrors_ServiceErrors_AreLocalisedPerFieldWithArguments()
    {
        UseCulture("fr");
        var errors = new FormErrors(Services.GetRequiredService<IStringLocalizer<Strings>>());

        var valid = errors.Set([new FieldError("FullName", "Validation.Required"), new FieldError("Organisation", "Validation.TooLong", 200)]);

        Assert.False(valid);
        Assert.Equal("Ce champ est obligatoire.", errors.For("FullName"));
        Assert.Equal("200 caractères au maximum.", errors.For("Organisation"));
        Assert.Null(errors.For("Gender"));
    }

    [Fact]
    public async Task Show_Conflict_NamesTheOtherPersonOffersBothChoicesAndDisablesSave()
    {
        UseCulture("en");
        var errors = new FormErrors(Services.GetRequiredService<IStringLocalizer<Strings>>());
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        await provider.InvokeAsync(() => dialogs.ShowAsync<EditDialogFrame>("Edit", new DialogParameters<EditDialogFrame>
        {
            { f => f.Errors, errors },
            { f => f.Conflict, new ConcurrencyConflictException(null, "Khadija Alami", 3) },
        }));

        Assert.Contains("Khadija Alami saved this record while you were editing it", provider.Find("#dialog-conflict").TextContent, StringComparison.Ordinal);
        Assert.Equal("Reload their version", provider.Find("#conflict-theirs").TextContent.Trim());
        Assert.Equal("Re-apply my changes", provider.Find("#conflict-mine").TextContent.Trim());
        Assert.True(provider.Find("#dialog-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Show_GeneralError_IsShownAboveTheFieldsInArabic()
    {
        UseCulture("ar");
        var errors = new FormErrors(Services.GetRequiredService<IStringLocalizer<Strings>>());
        errors.Set([new FieldError("", "Validation.DisableSelf")]);
        var provider = Render<MudDialogProvider>();

        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>()
            .ShowAsync<EditDialogFrame>("x", new DialogParameters<EditDialogFrame> { { f => f.Errors, errors } }));

        Assert.Equal("لا يمكنك تعطيل حسابك.", provider.Find("#dialog-error").TextContent.Trim());
        Assert.False(provider.Find("#dialog-save").HasAttribute("disabled"));
    }
}
