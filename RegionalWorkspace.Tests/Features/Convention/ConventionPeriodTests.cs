using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Tests.Features.Convention;

/// <summary>The period of a convention report: its three text forms, and a clear error for anything else.</summary>
public sealed class ConventionPeriodTests
{
    [Theory]
    [InlineData("2026", PeriodKind.Year, "2026-01-01", "2026-12-31", "2026")]
    [InlineData(" 2026-T3 ", PeriodKind.Quarter, "2026-07-01", "2026-09-30", "2026-T3")]
    [InlineData("2026-q1", PeriodKind.Quarter, "2026-01-01", "2026-03-31", "2026-T1")]
    [InlineData("2024-T4", PeriodKind.Quarter, "2024-10-01", "2024-12-31", "2024-T4")]
    [InlineData("2026-01-01..2026-06-30", PeriodKind.Custom, "2026-01-01", "2026-06-30", "2026-01-01..2026-06-30")]
    [InlineData("2028-02-29 .. 2028-02-29", PeriodKind.Custom, "2028-02-29", "2028-02-29", "2028-02-29..2028-02-29")]
    public void Parse_EachForm_GivesItsDaysAndFormatsBack(string text, PeriodKind kind, string from, string to, string formatted)
    {
        var period = ConventionPeriod.Parse(text);

        Assert.Equal(kind, period.Kind);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.Equal(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), period.To);
        Assert.Equal(formatted, period.ToString());
        Assert.Equal(period, ConventionPeriod.Parse(period.ToString()));
    }

    [Theory]
    [InlineData(null, "Validation.Required")]
    [InlineData("   ", "Validation.Required")]
    [InlineData("last year", "Validation.PeriodFormat")]
    [InlineData("26", "Validation.PeriodFormat")]
    [InlineData("2026-T", "Validation.PeriodFormat")]
    [InlineData("2026-01-01", "Validation.PeriodFormat")]
    [InlineData("2026-1-1..2026-2-1", "Validation.PeriodFormat")]
    [InlineData("2026-T5", "Validation.PeriodQuarter")]
    [InlineData("2026-T0", "Validation.PeriodQuarter")]
    [InlineData("1989", "Validation.PeriodYear")]
    [InlineData("2101-T1", "Validation.PeriodYear")]
    [InlineData("2026-02-30..2026-03-31", "Validation.PeriodDate")]
    [InlineData("2026-01-01..2026-13-01", "Validation.PeriodDate")]
    [InlineData("2027-02-29..2027-03-01", "Validation.PeriodDate")]
    [InlineData("2026-06-30..2026-01-01", "Validation.PeriodOrder")]
    [InlineData("2010-01-01..2026-01-01", "Validation.PeriodTooLong")]
    [InlineData("1980-01-01..1991-01-01", "Validation.PeriodYear")]
    public void Parse_BadText_ThrowsOneClearErrorOnPeriod(string? text, string key)
    {
        var ex = Assert.Throws<ValidationFailedException>(() => ConventionPeriod.Parse(text));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("Period", key), (error.Field, error.MessageKey));
        Assert.False(ConventionPeriod.TryParse(text, out _, out var errors));
        Assert.Equal(key, Assert.Single(errors).MessageKey);
    }

    [Fact]
    public void Parse_ImpossibleDate_NamesIt()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => ConventionPeriod.Parse("2026-02-30..2026-03-31"));

        Assert.Equal("2026-02-30", Assert.Single(Assert.Single(ex.Errors).Arguments));
    }

    [Fact]
    public void Parse_ControlCharacters_AreNotEchoed()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => ConventionPeriod.Parse("2026\u0007x"));

        Assert.Equal("2026?x", Assert.Single(Assert.Single(ex.Errors).Arguments));
    }

    [Fact]
    public void Factories_ValidateLikeParse()
    {
        Assert.Equal("Validation.PeriodOrder", Assert.Single(Assert.Throws<ValidationFailedException>(() => ConventionPeriod.Custom(new(2026, 5, 2), new(2026, 5, 1))).Errors).MessageKey);
        Assert.Equal("Validation.PeriodQuarter", Assert.Single(Assert.Throws<ValidationFailedException>(() => ConventionPeriod.ForQuarter(2026, 5)).Errors).MessageKey);
        Assert.Equal("Validation.PeriodYear", Assert.Single(Assert.Throws<ValidationFailedException>(() => ConventionPeriod.ForYear(3000)).Errors).MessageKey);
        Assert.Equal(ConventionPeriod.ForQuarter(2026, 4), ConventionPeriod.QuarterOf(new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public void PreviousAndMonths_FollowTheKind()
    {
        Assert.Equal("2025-T4", ConventionPeriod.Parse("2026-T1").Previous().ToString());
        Assert.Equal("2025", ConventionPeriod.Parse("2026").Previous().ToString());
        Assert.Equal("2025-12-22..2025-12-31", ConventionPeriod.Parse("2026-01-01..2026-01-10").Previous().ToString());
        Assert.Equal(12, ConventionPeriod.Parse("2026").Months().Count);
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)], ConventionPeriod.Parse("2026-01-31..2026-02-01").Months());
        Assert.Equal(365, ConventionPeriod.Parse("2026").Days);
    }
}
