using System.Globalization;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings.Documents;

/// <summary>Dates, times, durations and places as the session documents write them, in the current culture.</summary>
public static class SessionDocumentText
{
    /// <summary>"mardi 12 mai 2026" / "الثلاثاء، 12 مايو 2026" (Gregorian calendar, Western digits in Arabic).</summary>
    public static string Date(DateTime local) => local.ToString("D", CultureInfo.CurrentCulture);

    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"3 heures", "1 heure 30 minutes", "45 minutes"; in Arabic with the number agreement (ساعتان، 3 ساعات، 11 ساعة).</summary>
    public static string Duration(IStringLocalizer<Strings> l, int minutes)
    {
        var (hours, rest) = (minutes / 60, minutes % 60);
        if (hours == 0)
        {
            return l[$"Documents.Minutes.{Plural(rest)}", rest];
        }

        var hoursText = l[$"Documents.Hours.{Plural(hours)}", hours];
        return rest == 0 ? hoursText : l["Documents.HoursAndMinutes", hoursText, l[$"Documents.Minutes.{Plural(rest)}", rest].Value];
    }

    /// <summary>The place, the online link, or both.</summary>
    public static string Place(IStringLocalizer<Strings> l, SessionDocumentData data) => (data.Place, data.OnlineLink) switch
    {
        ({ } place, { } link) => l["Documents.PlaceAndLink", place, link],
        ({ } place, null) => place,
        (null, { } link) => l["Documents.Online", link],
        _ => "",
    };

    /// <summary>The session's day and hours: "mardi 12 mai 2026, de 09:00 à 12:00".</summary>
    public static string When(IStringLocalizer<Strings> l, SessionDocumentData data) =>
        l["Documents.When", Date(data.StartsAtLocal), Time(data.StartsAtLocal), Time(data.EndsAtLocal)];

    public static string Organisers(IStringLocalizer<Strings> l, SessionDocumentData data) =>
        string.Join(Cultures.IsArabic ? "، " : ", ", data.OrganiserList.Select(o => l[$"Documents.Organiser.{o}"].Value));

    public static string Regions(SessionDocumentData data) =>
        string.Join(Cultures.IsArabic ? "، " : ", ", data.Regions.Select(r => r.Name));

    /// <summary>Plural category of Arabic (one, two, few = 3–10, many = 11–99 and the rest); French and English use the same keys.</summary>
    private static string Plural(int n) => n switch
    {
        1 => "One",
        2 => "Two",
        _ when n % 100 is >= 3 and <= 10 => "Few",
        _ => "Many",
    };
}
