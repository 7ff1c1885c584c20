using RegionalWorkspace.Features.Practices;

namespace RegionalWorkspace.Tests.Features.Practices;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _markdown = new();

    [Fact]
    public void ToHtml_Markdown_IsRendered()
    {
        var html = _markdown.ToHtml("## Titre\n- **gras** et *italique*\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<h2>Titre</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>gras</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<td>1</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>Texte")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[clic](javascript:alert(1))")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("![pixel](https://tracker.example/p.png)")]
    public void ToHtml_ScriptsFramesImagesAndJavascriptLinks_AreRemoved(string markdown)
    {
        var html = _markdown.ToHtml(markdown);

        // Raw HTML may survive only as escaped text; no element may carry a script, an event handler or a frame.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[^>]*\son\w+\s*=", html);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToHtml_Links_OpenSafelyInANewTab()
    {
        var html = _markdown.ToHtml("[CESE](https://www.cese.ma)");

        Assert.Contains("href=\"https://www.cese.ma\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\"", html, StringComparison.Ordinal);
    }
}
