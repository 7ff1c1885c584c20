using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// The product's rule on markup (see <see cref="InputRules.LooksLikeMarkup"/>): user text refuses HTML-looking tags,
/// comments and script URLs, keeps comparisons and Markdown autolinks; and text stored before the rule (or by another
/// system) still reaches the page as text, never as markup.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class MarkupRuleTests(BadInputFixture fixture)
{
    [Theory]
    [InlineData("<b>gras</b>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg/onload=alert(1)>")]
    [InlineData("</p>")]
    [InlineData("<!-- caché -->")]
    [InlineData("<!doctype html>")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("<a href=\"x\"")]
    [InlineData("[lien](javascript:alert(1))")]
    [InlineData("JAVASCRIPT :alert(1)")]
    [InlineData("vbscript:msgbox")]
    public void Text_Markup_RefusedWithTheMarkupMessage(string value)
    {
        var errors = new List<FieldError>();

        InputRules.Text(errors, "Body", value, required: true, max: 1000, multiline: true);

        Assert.Equal(("Body", "Validation.Markup"), (Assert.Single(errors).Field, errors[0].MessageKey));
        Assert.True(fixture.IsKnownKey("Validation.Markup"));
    }

    [Theory]
    [InlineData("a < b et c > d")]
    [InlineData("moins de 5 % (<5 %) des communes")]
    [InlineData("x<3")]
    [InlineData("Voir <https://www.cese.ma> ou <contact@cese.ma>")]
    [InlineData("Le budget -> les projets, 3 <= 4")]
    [InlineData("« Javascript » : un langage")]
    [InlineData("الميزانية < 5 ملايين")]
    public void Text_ComparisonsAndAutolinks_Allowed(string value)
    {
        var errors = new List<FieldError>();

        InputRules.Text(errors, "Body", value, required: true, max: 1000, multiline: true);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Nom\u202Etxt.exe", true, true)]
    [InlineData("Nom\u202Dabc", true, true)]
    [InlineData("\u2067عربي\u2069 text", false, true)]
    [InlineData("ligne\u2028deux", false, true)]
    [InlineData("emoji 😀 ok", false, false)]
    [InlineData("الاسم\u200F مع علامة", false, false)]
    public void Text_BidiControlsAndBrokenUtf16_RefusedWhereTheyMislead(string value, bool refusedInMultiline, bool refusedInSingleLine)
    {
        Assert.Equal((refusedInMultiline, refusedInSingleLine), (InputRules.HasForbiddenCharacters(value, multiline: true), InputRules.HasForbiddenCharacters(value)));
    }

    [Fact]
    public void Text_LoneSurrogate_RefusedEverywhere()
    {
        // Built here: test-case data would not carry broken UTF-16 intact.
        var value = "abc" + (char)0xD800 + "def";

        Assert.Equal((true, true), (InputRules.HasForbiddenCharacters(value, multiline: true), InputRules.HasForbiddenCharacters(value)));
        Assert.Equal("abcdef", InputRules.SearchTerm(value));
    }

    [Fact]
    public void Markdown_RawHtml_RenderedAsText()
    {
        var html = fixture.Get<MarkdownRenderer>().ToHtml("<b>gras</b> et [lien](javascript:alert(1))");

        Assert.Contains("&lt;b&gt;gras&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PracticePage_MarkupStoredBeforeTheRule_ShownAsText()
    {
        int practiceId;
        await using (var db = await fixture.Host.CreateDbContextAsync())
        {
            var practice = new Practice { RegionId = 4, Commitment = PracticeCommitment.C1, Status = PracticeStatus.Published, Themes = PracticeThemes.Social, CreatedAtUtc = DateTime.UtcNow, PublishedAtUtc = DateTime.UtcNow };
            practice.Texts.Add(new PracticeText { Language = "fr", Title = "<b>Titre gras</b>", Summary = "<img src=x onerror=alert(1)>", Body = "<script>alert(2)</script> corps" });
            db.Practices.Add(practice);
            await db.SaveChangesAsync();
            practiceId = practice.Id;
        }

        var cookies = await HubClient.SignInAsync(fixture.Host.BaseUrl, "cese@demo.ma");
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = fixture.Host.BaseUrl };
        var html = await client.GetStringAsync($"/practices/{practiceId}");

        Assert.Contains("&lt;b&gt;Titre gras&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Titre gras", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(2)", html, StringComparison.Ordinal);
    }
}
