namespace RegionalWorkspace.Features.StudyMeetings;

public static class StudyMeetingsSetup
{
    /// <summary>Study meetings (C6): presentations of approved publications to the regional councils, with attendance and follow-up.</summary>
    public static WebApplicationBuilder AddWorkspaceStudyMeetings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StudyMeetingsService>();
        return builder;
    }
}
