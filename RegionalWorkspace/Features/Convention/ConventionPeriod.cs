using System.Globalization;
using System.Text.RegularExpressions;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Convention;

public enum PeriodKind
{
    Quarter,
    Year,
    Custom,
}

/// <summary>
/// The period a convention report or dashboard covers: a quarter ("2026-T3"), a year ("2026") or custom dates
/// ("2026-01-01..2026-06-30"), both ends included, as local dates of the workspace (Africa/Casablanca). The text form
/// round-trips through <see cref="Parse"/> and <see cref="ToString"/>, so it fits a query string.
/// </summary>
public sealed partial record ConventionPeriod
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;

    /// <summary>The longest custom period, as for the region summary.</summary>
    public const int MaxYears = 10;

    private ConventionPeriod(PeriodKind kind, DateOnly from, DateOnly to)
    {
        Kind = kind;
        From = from;
        To = to;
    }

    public PeriodKind Kind { get; }

    /// <summary>First day of the period (included).</summary>
    public DateOnly From { get; }

    /// <summary>Last day of the period (included).</summary>
    public DateOnly To { get; }

    public int Year => From.Year;

    /// <summary>1 to 4 for a quarter, otherwise 0.</summary>
    public int QuarterNumber => Kind == PeriodKind.Quarter ? (From.Month - 1) / 3 + 1 : 0;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static ConventionPeriod ForYear(int year)
    {
        InputRules.ThrowIfAny(CheckYear(year));
        return new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
    }

    public static ConventionPeriod ForQuarter(int year, int quarter)
    {
        var errors = CheckYear(year);
        if (quarter is < 1 or > 4)
        {
            errors.Add(new("Period", "Validation.PeriodQuarter"));
        }

        InputRules.ThrowIfAny(errors);
        var from = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return new(PeriodKind.Quarter, from, from.AddMonths(3).AddDays(-1));
    }

    /// <summary>The quarter that contains <paramref name="day"/>.</summary>
    public static ConventionPeriod QuarterOf(DateOnly day) => ForQuarter(day.Year, (day.Month - 1) / 3 + 1);

    public static ConventionPeriod Custom(DateOnly from, DateOnly to)
    {
        InputRules.ThrowIfAny(CheckRange(from, to));
        return new(PeriodKind.Custom, from, to);
    }

    /// <summary>Reads "2026", "2026-T3" (or "2026-Q3") or "2026-01-01..2026-06-30"; throws <see cref="ValidationFailedException"/> on "Period".</summary>
    public static ConventionPeriod Parse(string? text) =>
        TryParse(text, out var period, out var errors) ? period : throw new ValidationFailedException(errors);

    public static bool TryParse(string? text, out ConventionPeriod period, out IReadOnlyList<FieldError> errors)
    {
        period = null!;
        var found = new List<FieldError>();
        errors = found;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            found.Add(new("Period", "Validation.Required"));
            return false;
        }

        if (value.Length > 40 || value.Any(char.IsControl))
        {
            found.Add(new("Period", "Validation.PeriodFormat", Shorten(value)));
            return false;
        }

        if (YearPattern().Match(value) is { Success: true } year)
        {
            found.AddRange(CheckYear(Number(year.Groups["y"].Value)));
            period = found.Count == 0 ? ForYear(Number(year.Groups["y"].Value)) : null!;
        }
        else if (QuarterPattern().Match(value) is { Success: true } quarter)
        {
            var (y, q) = (Number(quarter.Groups["y"].Value), Number(quarter.Groups["q"].Value));
            found.AddRange(CheckYear(y));
            if (q is < 1 or > 4)
            {
                found.Add(new("Period", "Validation.PeriodQuarter"));
            }

            period = found.Count == 0 ? ForQuarter(y, q) : null!;
        }
        else if (RangePattern().Match(value) is { Success: true } range)
        {
            var from = Day(found, range.Groups["from"].Value);
            var to = Day(found, range.Groups["to"].Value);
            if (found.Count == 0)
            {
                found.AddRange(CheckRange(from!.Value, to!.Value));
            }

            period = found.Count == 0 ? new(PeriodKind.Custom, from!.Value, to!.Value) : null!;
        }
        else
        {
            found.Add(new("Period", "Validation.PeriodFormat", Shorten(value)));
        }

        return found.Count == 0;
    }

    /// <summary>"2026", "2026-T3" or "2026-01-01..2026-06-30": what <see cref="Parse"/> reads back.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-T{QuarterNumber}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}"),
    };

    /// <summary>The period before this one, of the same length (a quarter before a quarter, a year before a year).</summary>
    public ConventionPeriod Previous() => Kind switch
    {
        PeriodKind.Year => ForYear(Year - 1),
        PeriodKind.Quarter => QuarterNumber == 1 ? ForQuarter(Year - 1, 4) : ForQuarter(Year, QuarterNumber - 1),
        _ => Custom(From.AddDays(-Days), From.AddDays(-1)),
    };

    /// <summary>Whether <paramref name="day"/> falls in the period (both ends included).</summary>
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The first day of every month the period touches, in order (the months of the charts).</summary>
    public IReadOnlyList<DateOnly> Months()
    {
        var months = new List<DateOnly>();
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        return months;
    }

    /// <summary>The period as a UTC interval [start, end): its local days in the workspace's time zone.</summary>
    public (DateTime StartUtc, DateTime EndUtc) ToUtc(WorkspaceTime time) =>
        (time.ToUtc(From.ToDateTime(TimeOnly.MinValue)), time.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue)));

    private static List<FieldError> CheckYear(int year) =>
        year is < MinYear or > MaxYear ? [new("Period", "Validation.PeriodYear", MinYear, MaxYear)] : [];

    private static List<FieldError> CheckRange(DateOnly from, DateOnly to)
    {
        var errors = new List<FieldError>();
        if (from.Year is < MinYear or > MaxYear || to.Year is < MinYear or > MaxYear)
        {
            errors.Add(new("Period", "Validation.PeriodYear", MinYear, MaxYear));
        }
        else if (to < from)
        {
            errors.Add(new("Period", "Validation.PeriodOrder"));
        }
        else if (to > from.AddYears(MaxYears))
        {
            errors.Add(new("Period", "Validation.PeriodTooLong", MaxYears));
        }

        return errors;
    }

    private static DateOnly? Day(List<FieldError> errors, string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new("Period", "Validation.PeriodDate", text));
        return null;
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The input as echoed in the message: at most 40 characters, control characters shown as "?".</summary>
    private static string Shorten(string value) =>
        new string(value.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray()) + (value.Length > 40 ? "…" : "");

    [GeneratedRegex(@"^(?<y>\d{4})$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^(?<y>\d{4})-[TtQq](?<q>\d)$")]
    private static partial Regex QuarterPattern();

    // Dates are matched by shape only, so that "2026-02-30" is reported as an impossible date, not as a bad format.
    [GeneratedRegex(@"^(?<from>\d{4}-\d{2}-\d{2})\s*\.\.\s*(?<to>\d{4}-\d{2}-\d{2})$")]
    private static partial Regex RangePattern();
}
