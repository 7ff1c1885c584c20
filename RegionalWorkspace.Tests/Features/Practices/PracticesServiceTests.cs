using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Practices;

public abstract class PracticesServiceTestsBase(AppHost host)
{
    protected AppHost Host { get; } = host;

    protected PracticesService Practices => Host.Get<PracticesService>();

    protected async Task<int> PublishedAsync(string email, int regionId, PracticeInput input)
    {
        var officer = await Host.PrincipalAsync(email);
        var id = await Practices.CreateAsync(officer, regionId, input);
        await Practices.SetStatusAsync(officer, id, PracticeStatus.Published, 1);
        return id;
    }

    protected async Task<IReadOnlyList<int>> FindAsync(string email, PracticeQuery query) =>
        (await Practices.SearchAsync(await Host.PrincipalAsync(email), query)).Items.Select(p => p.Id).ToList();

    [Fact]
    public async Task Search_FrenchIgnoresAccentsAndCase()
    {
        var id = await PublishedAsync("officer.rsk@demo.ma", 4, PracticeFixtures.Input("Réunion publique trimestrielle", "Une RÉUNION ouverte à tous les habitants de Kénitra."));

        Assert.Contains(id, await FindAsync("leadership@demo.ma", new PracticeQuery { Text = "reunion" }));
        Assert.Contains(id, await FindAsync("leadership@demo.ma", new PracticeQuery { Text = "KENITRA habitants" }));
        Assert.Contains(id, await FindAsync("leadership@demo.ma", new PracticeQuery { Text = "trimestr" }));
    }

    [Fact]
    public async Task Search_ArabicTerms_FindArabicPractices()
    {
        var input = PracticeFixtures.Input("منصة العرائض الرقمية", "تمكن المنصة المواطنين من تقديم العرائض إلى مجلس الجهة.", "ar");
        var id = await PublishedAsync("officer.sm@demo.ma", 9, input);

        Assert.Contains(id, await FindAsync("cese@demo.ma", new PracticeQuery { Text = "العرائض" }));
        Assert.Contains(id, await FindAsync("cese@demo.ma", new PracticeQuery { Text = "مجلس الجهة" }));
    }

    [Fact]
    public async Task Search_NothingMatches_ReturnsAnEmptyPage()
    {
        await PublishedAsync("officer.sm@demo.ma", 9, PracticeFixtures.Input("Budget participatif des jeunes"));

        var page = await Host.Get<PracticesService>().SearchAsync(await Host.PrincipalAsync("cese@demo.ma"), new PracticeQuery { Text = "zzyzxquux" });

        Assert.Equal((0, 0), (page.Total, page.Items.Count));
    }

    [Fact]
    public async Task Search_FiltersCombine()
    {
        var economic = PracticeFixtures.Input("Forum des entreprises solidaires", tags: "économie sociale, forum");
        economic.Themes = PracticeThemes.Economic | PracticeThemes.Social;
        economic.Commitment = PracticeCommitment.C3;
        var match = await PublishedAsync("officer.rsk@demo.ma", 4, economic);
        var otherRegion = await PublishedAsync("officer.sm@demo.ma", 9, economic.Copy());
        var otherCommitment = economic.Copy();
        otherCommitment.Commitment = PracticeCommitment.C1;
        var wrongCommitment = await PublishedAsync("officer.rsk@demo.ma", 4, otherCommitment);

        var found = await FindAsync("arm@demo.ma", new PracticeQuery
        {
            Text = "forum",
            RegionId = 4,
            Theme = PracticeThemes.Economic,
            Commitment = PracticeCommitment.C3,
            Tag = "forum",
        });

        Assert.Contains(match, found);
        Assert.DoesNotContain(otherRegion, found);
        Assert.DoesNotContain(wrongCommitment, found);
    }

    [Fact]
    public async Task Drafts_VisibleToTheirRegionAndCoordinatorsOnly()
    {
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        var id = await Practices.CreateAsync(officer, 4, PracticeFixtures.Input("Brouillon confidentiel de charte"));

        Assert.Contains(id, await FindAsync("officer.rsk@demo.ma", new PracticeQuery { Status = PracticeStatus.Draft }));
        Assert.Contains(id, await FindAsync("arm@demo.ma", new PracticeQuery { Status = PracticeStatus.Draft }));
        Assert.DoesNotContain(id, await FindAsync("officer.sm@demo.ma", new PracticeQuery { Status = PracticeStatus.Draft }));
        Assert.DoesNotContain(id, await FindAsync("leadership@demo.ma", new PracticeQuery { Text = "charte" }));
        await Assert.ThrowsAsync<NotFoundException>(async () => await Practices.GetAsync(await Host.PrincipalAsync("officer.sm@demo.ma"), id));
    }

    [Fact]
    public async Task Versions_EverySaveIsKept_ADiffShowsTheChange_AndARestoreBringsItBack()
    {
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        var id = await Practices.CreateAsync(officer, 4, PracticeFixtures.Input("Charte de la concertation", "Première rédaction."));
        var edit = (await Practices.GetAsync(officer, id)).Content;
        edit.Texts[0].Body = "Deuxième rédaction, validée en séance.";
        await Practices.UpdateAsync(officer, id, edit);

        var versions = await Practices.ListVersionsAsync(officer, id);
        var diff = await Practices.DiffAsync(officer, id, 1, 2, c => string.Join("\n", c.Texts.Select(t => t.Body)));
        await Practices.RestoreVersionAsync(officer, id, 1, currentVersion: 2);

        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Contains(new DiffLine(DiffKind.Removed, "Première rédaction."), diff);
        Assert.Contains(new DiffLine(DiffKind.Added, "Deuxième rédaction, validée en séance."), diff);
        var restored = await Practices.GetAsync(officer, id);
        Assert.Equal(("Première rédaction.", 3), (restored.Content.Texts[0].Body, restored.Version));
        Assert.Equal(3, (await Practices.ListVersionsAsync(officer, id)).Count);
        Assert.Contains(id, await FindAsync("officer.rsk@demo.ma", new PracticeQuery { Text = "premiere redaction", Status = PracticeStatus.Draft }));
    }

    [Fact]
    public async Task Update_FromAStaleVersion_IsAConflictAndChangesNothing()
    {
        var officer = await Host.PrincipalAsync("officer.sm@demo.ma");
        var id = await Practices.CreateAsync(officer, 9, PracticeFixtures.Input("Conseil des jeunes d'Agadir"));
        var first = (await Practices.GetAsync(officer, id)).Content;
        var second = first.Copy();
        first.Texts[0].Title = "Conseil des jeunes d'Agadir (2026)";
        await Practices.UpdateAsync(officer, id, first);
        second.Texts[0].Title = "Autre titre";

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await Practices.UpdateAsync(await Host.PrincipalAsync("admin@demo.ma"), id, second));

        Assert.Equal("Conseil des jeunes d'Agadir (2026)", Assert.IsType<PracticeInput>(conflict.Current).Texts[0].Title);
        Assert.Equal(2, (await Practices.ListVersionsAsync(officer, id)).Count);
    }

    [Fact]
    public async Task Edit_AnotherRegionsPractice_IsRefused()
    {
        var id = await PublishedAsync("officer.rsk@demo.ma", 4, PracticeFixtures.Input("Maison de la participation"));
        var detail = await Practices.GetAsync(await Host.PrincipalAsync("officer.sm@demo.ma"), id);

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Practices.UpdateAsync(await Host.PrincipalAsync("officer.sm@demo.ma"), id, detail.Content));
    }

    [Fact]
    public async Task Adopt_ByAnotherRegion_IsCountedOnceAndFormsTheRegionTable()
    {
        var id = await PublishedAsync("officer.rsk@demo.ma", 4, PracticeFixtures.Input("Budget participatif communal"));
        var sm = await Host.PrincipalAsync("officer.sm@demo.ma");

        await Practices.AdoptAsync(sm, id, "Repris à Agadir en 2026.");
        await Assert.ThrowsAsync<ValidationFailedException>(() => Practices.AdoptAsync(sm, id, null));
        await Assert.ThrowsAsync<ValidationFailedException>(async () => await Practices.AdoptAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), id, null));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Practices.AdoptAsync(await Host.PrincipalAsync("leadership@demo.ma"), id, null));

        var flows = await Practices.AdoptionFlowsAsync(await Host.PrincipalAsync("leadership@demo.ma"));
        Assert.Contains(flows, f => f is { FromRegionId: 4, ToRegionId: 9 } && f.Practices >= 1);
        Assert.Equal(9, Assert.Single((await Practices.GetAsync(sm, id)).Adoptions).RegionId);
    }

    [Fact]
    public async Task Input_Invalid_ListsEveryProblemAndSavesNothing()
    {
        var input = PracticeFixtures.Input("");
        input.Themes = PracticeThemes.None;
        input.ContactEmail = "pas-un-email";
        input.Texts.Add(new PracticeTextInput { Language = "fr", Title = "Doublon", Summary = "x", Body = "x" });
        var before = (await Practices.SearchAsync(await Host.PrincipalAsync("admin@demo.ma"), new PracticeQuery { Status = PracticeStatus.Draft })).Total;

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Practices.CreateAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), 4, input));

        Assert.Equal(["ContactEmail", "Texts", "Texts[0].Title", "Themes"], refusal.Errors.Select(e => e.Field).Order());
        Assert.Equal(before, (await Practices.SearchAsync(await Host.PrincipalAsync("admin@demo.ma"), new PracticeQuery { Status = PracticeStatus.Draft })).Total);
    }
}

public sealed class PracticesServiceSqliteTests(AppHostFixture fixture) : PracticesServiceTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

/// <summary>The same use cases on PostgreSQL, where search is PostgreSQL's full-text search.</summary>
public sealed class PracticesServicePostgresTests(PostgresAppHostFixture fixture) : PracticesServiceTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;
