using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Practices;

/// <summary>Which of a practice's languages to show: the reader's, else French, else the first written.</summary>
public static class PracticeTexts
{
    public static T? Pick<T>(IReadOnlyList<T> texts, Func<T, string> language, string? preferred = null)
        where T : class
    {
        preferred ??= System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return texts.FirstOrDefault(t => language(t) == preferred)
            ?? texts.FirstOrDefault(t => language(t) == Cultures.French)
            ?? texts.FirstOrDefault();
    }

    public static PracticeTextRow? Pick(IReadOnlyList<PracticeTextRow> texts, string? preferred = null) => Pick(texts, t => t.Language, preferred);

    public static PracticeTextInput? Pick(IReadOnlyList<PracticeTextInput> texts, string? preferred = null) => Pick(texts, t => t.Language, preferred);

    public static string Direction(string language) => language == Cultures.Arabic ? "rtl" : "ltr";
}
