using RegionalWorkspace.Features.Practices;

namespace RegionalWorkspace.Tests.Features.Practices;

public static class PracticeFixtures
{
    public static PracticeInput Input(string title, string body = "Les habitants se réunissent chaque mois.", string language = "fr", string? tags = null) => new()
    {
        Commitment = PracticeCommitment.C1,
        Themes = PracticeThemes.Social,
        SubThemes = PracticeSubThemes.CitizenConsultation,
        Texts = [new PracticeTextInput { Language = language, Title = title, Summary = "Résumé : " + title, Body = body }],
        Tags = tags,
    };
}
