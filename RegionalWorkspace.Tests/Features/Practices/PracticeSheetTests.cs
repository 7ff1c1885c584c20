using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Practices;

[Collection(BrowserCollection.Name)]
public sealed class PracticeSheetTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    [Fact]
    public async Task Export_FrenchAndArabic_HoldTheTextInTheirLanguage()
    {
        var host = fixture.Host;
        var officer = await host.PrincipalAsync("officer.rsk@demo.ma");
        var input = PracticeFixtures.Input("Jury citoyen de Kénitra", "Un jury tiré au sort rend un avis sur le plan de mobilité.");
        input.Texts.Add(new PracticeTextInput { Language = "ar", Title = "هيئة المحلفين المواطنين بالقنيطرة", Summary = "ملخص", Body = "هيئة مختارة بالقرعة تبدي رأيها في مخطط التنقل." });
        var id = await host.Get<PracticesService>().CreateAsync(officer, 4, input);
        var sheets = host.Get<PracticeSheetService>();

        var french = await sheets.ExportAsync(officer, id, "fr");
        var arabic = await sheets.ExportAsync(officer, id, "ar");

        using (var pdf = new PdfText(french.Content))
        {
            Assert.Equal("Jury citoyen de Kénitra", pdf.Title);
            Assert.True(pdf.Contains("Un jury tiré au sort rend un avis sur le plan de mobilité."));
            Assert.True(pdf.Contains("Rabat-Salé-Kénitra"));
        }

        using (var pdf = new PdfText(arabic.Content))
        {
            Assert.Equal("هيئة المحلفين المواطنين بالقنيطرة", pdf.Title);
        }

        Assert.Matches($@"^pratique-{id}-ar-\d{{4}}-\d{{2}}-\d{{2}}\.pdf$", arabic.FileName);
    }

    [Fact]
    public async Task Export_AnotherRegionsDraft_IsNotFound()
    {
        var host = fixture.Host;
        var id = await host.Get<PracticesService>().CreateAsync(await host.PrincipalAsync("officer.rsk@demo.ma"), 4, PracticeFixtures.Input("Brouillon interne"));

        await Assert.ThrowsAsync<NotFoundException>(async () => await host.Get<PracticeSheetService>().ExportAsync(await host.PrincipalAsync("officer.sm@demo.ma"), id, "fr"));
    }
}
