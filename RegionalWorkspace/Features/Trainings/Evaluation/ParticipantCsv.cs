using System.Globalization;
using System.Text;
using RegionalWorkspace.Features.Bodies;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

/// <summary>The columns of a participants file.</summary>
public enum ParticipantColumn
{
    FullName,
    Function,
    Organisation,
    Email,
    Phone,
    Gender,
    Audience,
}

/// <summary>
/// How a participants file names its columns and values, in French, English or Arabic, as people type them: case,
/// accents, spaces, hyphens and apostrophes do not matter ("E-mail", "email", "Courriel"; "Élue", "elu").
/// </summary>
public static class ParticipantCsv
{
    public static readonly ParticipantColumn[] Required = [ParticipantColumn.FullName, ParticipantColumn.Gender, ParticipantColumn.Audience];

    private static readonly Dictionary<string, ParticipantColumn> s_columns = Build(new Dictionary<ParticipantColumn, string[]>
    {
        [ParticipantColumn.FullName] = ["nom", "name", "nom complet", "nom et prénom", "prénom et nom", "full name", "الاسم", "الاسم الكامل"],
        [ParticipantColumn.Function] = ["fonction", "function", "poste", "job title", "الوظيفة", "الصفة"],
        [ParticipantColumn.Organisation] = ["organisation", "organization", "organisme", "institution", "المؤسسة", "الجهة"],
        [ParticipantColumn.Email] = ["email", "e-mail", "courriel", "adresse e-mail", "mail", "البريد الإلكتروني", "البريد"],
        [ParticipantColumn.Phone] = ["téléphone", "telephone", "phone", "tél", "tel", "gsm", "mobile", "الهاتف"],
        [ParticipantColumn.Gender] = ["genre", "gender", "sexe", "sex", "الجنس", "النوع"],
        [ParticipantColumn.Audience] = ["public", "audience", "catégorie", "category", "الفئة"],
    });

    private static readonly Dictionary<string, Gender> s_genders = Build(new Dictionary<Gender, string[]>
    {
        [Gender.Female] = ["f", "femme", "féminin", "female", "woman", "w", "أنثى", "امرأة", "انثى"],
        [Gender.Male] = ["m", "h", "homme", "masculin", "male", "man", "ذكر", "رجل"],
    });

    private static readonly Dictionary<string, ParticipantAudience> s_audiences = Build(new Dictionary<ParticipantAudience, string[]>
    {
        [ParticipantAudience.CouncilMember] = ["élu", "élue", "élus", "élu du conseil", "élue du conseil", "membre du conseil", "council member", "councilmember", "elected", "منتخب", "منتخبة"],
        [ParticipantAudience.CouncilStaff] = ["personnel", "personnel du conseil", "fonctionnaire", "cadre", "council staff", "councilstaff", "staff", "موظف", "موظفة", "أطر"],
        [ParticipantAudience.BodyMember] = ["membre d'instance", "membre de l'instance", "membre instance", "membre", "body member", "bodymember", "عضو هيئة", "عضو الهيئة", "عضوة هيئة"],
    });

    /// <summary>The values accepted for gender and audience, as the template and the error messages show them.</summary>
    public const string GenderValues = "F / M, Femme / Homme, female / male, أنثى / ذكر";

    public const string AudienceValues = "élu, personnel, membre d'instance / CouncilMember, CouncilStaff, BodyMember";

    public static ParticipantColumn? ColumnOf(string header) => s_columns.TryGetValue(Key(header), out var column) ? column : null;

    public static Gender? GenderOf(string value) => s_genders.TryGetValue(Key(value), out var gender) ? gender : null;

    public static ParticipantAudience? AudienceOf(string value) => s_audiences.TryGetValue(Key(value), out var audience) ? audience : null;

    /// <summary>The header of the template, in <paramref name="culture"/>'s language (each one is a name the import accepts).</summary>
    public static IReadOnlyList<string> TemplateHeader(string culture) => culture switch
    {
        "ar" => ["الاسم الكامل", "الوظيفة", "المؤسسة", "البريد الإلكتروني", "الهاتف", "الجنس", "الفئة"],
        "en" => ["Name", "Function", "Organisation", "Email", "Phone", "Gender", "Audience"],
        _ => ["Nom", "Fonction", "Organisation", "E-mail", "Téléphone", "Genre", "Public"],
    };

    /// <summary>Two example rows for the template, in <paramref name="culture"/>'s language.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> TemplateExamples(string culture) => culture switch
    {
        "ar" =>
        [
            ["فاطمة الزهراء بناني", "عضوة", "هيئة المساواة وتكافؤ الفرص", "f.bennani@example.ma", "0612345678", "أنثى", "عضو هيئة"],
            ["يوسف العلوي", "إطار", "مجلس الجهة", "y.alaoui@example.ma", "", "ذكر", "موظف"],
        ],
        "en" =>
        [
            ["Fatima Zahra Bennani", "Member", "Equality and equal opportunities body", "f.bennani@example.ma", "+212 612 345 678", "female", "BodyMember"],
            ["Youssef Alaoui", "Planning officer", "Regional council", "y.alaoui@example.ma", "", "male", "CouncilStaff"],
        ],
        _ =>
        [
            ["Fatima Zahra Bennani", "Membre", "Instance de l'équité et de l'égalité des chances", "f.bennani@example.ma", "06 12 34 56 78", "F", "membre d'instance"],
            ["Youssef Alaoui", "Chargé d'études", "Conseil régional", "y.alaoui@example.ma", "", "M", "personnel"],
        ],
    };

    /// <summary>Lower case, without accents, spaces, hyphens, dots, apostrophes or underscores (Arabic letters kept, hamza folded).</summary>
    internal static string Key(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpaceSeparator
                || c is '-' or '_' or '.' or '\'' or '’' or ' ' or '\t')
            {
                continue;
            }

            builder.Append(c switch
            {
                'أ' or 'إ' or 'آ' => 'ا',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }

    private static Dictionary<string, T> Build<T>(Dictionary<T, string[]> names)
        where T : struct, Enum
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (value, spellings) in names)
        {
            map[Key(value.ToString())] = value;
            foreach (var spelling in spellings)
            {
                map[Key(spelling)] = value;
            }
        }

        return map;
    }
}
