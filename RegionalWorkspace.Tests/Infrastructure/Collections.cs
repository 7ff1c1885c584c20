namespace RegionalWorkspace.Tests.Infrastructure;

/// <summary>Browser tests share one Chromium; they run one class at a time to keep a 2-core machine responsive.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
