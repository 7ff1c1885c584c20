using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RegionalWorkspace.Tests.Features.Shell;

/// <summary>Every string the UI asks for exists in French, Arabic and English.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string s_appDirectory = Path.Combine(RepositoryRoot(), "RegionalWorkspace");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RegionalWorkspace.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> Load(string suffix) =>
        XDocument.Load(Path.Combine(s_appDirectory, "Resources", $"Strings{suffix}.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Theory]
    [InlineData(".ar")]
    [InlineData(".en")]
    public void Translations_HaveExactlyTheFrenchKeys(string suffix)
    {
        var french = Load("");
        var other = Load(suffix);

        Assert.Empty(french.Keys.Except(other.Keys));
        Assert.Empty(other.Keys.Except(french.Keys));
        Assert.All(other, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), pair.Key));
    }

    [Fact]
    public void Translations_KeepTheirPlaceholders()
    {
        var french = Load("");
        foreach (var suffix in new[] { ".ar", ".en" })
        {
            var other = Load(suffix);
            foreach (var (key, value) in french)
            {
                Assert.True(
                    Placeholder().Matches(value).Select(m => m.Value).Order().SequenceEqual(Placeholder().Matches(other[key]).Select(m => m.Value).Order()),
                    $"{key}{suffix}: placeholders differ");
            }
        }
    }

    [Fact]
    public void Source_EveryKeyItUses_Exists()
    {
        var keys = Load("").Keys.ToHashSet();
        var used = Directory.EnumerateFiles(s_appDirectory, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Enums_ShownInTheUi_HaveALabelForEveryValue()
    {
        var keys = Load("").Keys.ToHashSet();
        Type[] shown =
        [
            typeof(RegionalWorkspace.Features.Bodies.BodyKind), typeof(RegionalWorkspace.Features.Bodies.BodyStatus),
            typeof(RegionalWorkspace.Features.Bodies.SeatType), typeof(RegionalWorkspace.Features.Bodies.Gender),
            typeof(RegionalWorkspace.Features.Bodies.MeetingStatus), typeof(RegionalWorkspace.Features.Bodies.OutputKind),
            typeof(RegionalWorkspace.Features.Accounts.WorkspaceRole), typeof(RegionalWorkspace.Realtime.Capability),
            typeof(RegionalWorkspace.Features.Trainings.Organisers), typeof(RegionalWorkspace.Features.Trainings.TrainingAudience),
            typeof(RegionalWorkspace.Features.Trainings.ParticipantAudience), typeof(RegionalWorkspace.Features.Trainings.RegistrationStatus),
            typeof(RegionalWorkspace.Features.Trainings.AttendanceStatus), typeof(RegionalWorkspace.Features.Trainings.MarkSource),
            typeof(RegionalWorkspace.Features.Studies.PublicationKind), typeof(RegionalWorkspace.Features.Studies.CeseCommission),
            typeof(RegionalWorkspace.Features.Studies.StudyRequestStatus), typeof(RegionalWorkspace.Features.StudyMeetings.FollowUpStatus),
            typeof(RegionalWorkspace.Features.Studies.StudyScope), typeof(RegionalWorkspace.Features.Studies.StudyRequester),
            typeof(RegionalWorkspace.Features.ListeningSessions.ListeningSessionState),
            typeof(RegionalWorkspace.Features.SupportActions.SupportTheme), typeof(RegionalWorkspace.Features.SupportActions.SupportKind),
            typeof(RegionalWorkspace.Features.SupportActions.SupportStatus),
        ];

        var missing = shown.SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}")).Except(keys).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void ActivityLines_HaveAVerbForEveryKindAndANameForEveryRecordType()
    {
        var keys = Load("").Keys.ToHashSet();
        string[] recordTypes = ["Body", "Member", "Meeting", "Region", "Account", "Programme", "Session", "Registration", "Attendance", "Publication", "StudyMeeting", "FollowUpAction", "StudyRequest", "StudyMilestone", "ListeningSession", "ListeningParticipant", "Contribution", "SupportAction"];

        var missing = Enum.GetNames<RegionalWorkspace.Realtime.ChangeKind>().Select(k => $"Activity.{k}")
            .Concat(recordTypes.Select(t => $"Entity.{t}"))
            .Except(keys)
            .ToList();

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"\{\d+\}|\{[a-z_]+\}")]
    private static partial Regex Placeholder();

    // L["Key"], and the message keys that services throw ("Error.X", "Validation.X", "Identity.X").
    [GeneratedRegex("""L\["(?<key>[A-Z][A-Za-z]+\.[A-Za-z0-9]+)"|"(?<key>(?:Error|Validation|Identity)\.[A-Z][A-Za-z0-9]+)"(?!\s*=>)""")]
    private static partial Regex KeyUse();
}
