using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Practices;

public partial class PracticeDialog
{
    private static readonly PracticeThemes[] s_themes = [PracticeThemes.Economic, PracticeThemes.Social, PracticeThemes.Environmental];

    private static readonly PracticeSubThemes[] s_subThemes = Enum.GetValues<PracticeSubThemes>().Where(s => s != PracticeSubThemes.None).ToArray();

    private IReadOnlyList<BodyOption> _bodies = [];
    private string _language = Cultures.French;

    /// <summary>The region the practice belongs to (a new practice is created there).</summary>
    [Parameter, EditorRequired]
    public int RegionId { get; set; }

    /// <summary>The practice to edit; null to write a new one.</summary>
    [Parameter]
    public PracticeDetail? Practice { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override PracticeInput Input { get; set; } = new();

    protected override string? RecordKey => Practice is null ? null : PracticesService.PracticeKey(Practice.Id);

    private PracticeTextInput? Current => Input.Texts.FirstOrDefault(t => t.Language == _language);

    protected override async Task OnInitializedAsync()
    {
        if (Practice is not null)
        {
            Input = Practice.Content.Copy();
        }

        _language = PracticeTexts.Pick(Input.Texts)?.Language ?? Cultures.French;
        _bodies = await Bodies.ListOptionsAsync((await AuthenticationState).User, RegionId);
    }

    private static string Field(int index, string name) => $"Texts[{index}].{name}";

    private static TFlags Toggle<TFlags>(TFlags value, TFlags flag, bool on)
        where TFlags : struct, Enum
    {
        var (v, f) = (Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(flag, System.Globalization.CultureInfo.InvariantCulture));
        return (TFlags)Enum.ToObject(typeof(TFlags), on ? v | f : v & ~f);
    }

    private string BodyName(int? id) => _bodies.FirstOrDefault(b => b.Id == id) is { } b ? Cultures.Pick(b.NameFr, b.NameAr) : "";

    private void SelectLanguage(string language) => _language = language;

    private void AddLanguage() => Input.Texts.Add(new PracticeTextInput { Language = _language });

    private void RemoveLanguage()
    {
        if (Current is { } text)
        {
            Input.Texts.Remove(text);
            _language = Input.Texts[0].Language;
        }
    }

    private Task SaveAsync() => SubmitAsync(Input.Validate, async () =>
    {
        var user = (await AuthenticationState).User;
        if (Practice is null)
        {
            return await Practices.CreateAsync(user, RegionId, Input);
        }

        await Practices.UpdateAsync(user, Practice.Id, Input);
        return (object)Practice.Id;
    });

    protected override PracticeInput FromStored(object stored) => ((PracticeInput)stored).Copy();

    protected override void Rebase(int version) => Input.Version = version;

    protected override IEnumerable<FieldValue> Fields(PracticeInput v) =>
    [
        new(Label("Practices.Commitment"), EnumLabel(v.Commitment)),
        new(Label("Practices.Body"), BodyName(v.BodyId)),
        new(Label("Practices.Themes"), string.Join(", ", s_themes.Where(t => v.Themes.HasFlag(t)).Select(t => EnumLabel<PracticeThemes>(t)))),
        new(Label("Practices.SubThemes"), string.Join(", ", s_subThemes.Where(t => v.SubThemes.HasFlag(t)).Select(t => EnumLabel<PracticeSubThemes>(t)))),
        .. Cultures.Supported.SelectMany(language =>
        {
            var text = v.Texts.FirstOrDefault(t => t.Language == language);
            var suffix = $" ({Label($"Language.{language}")})";
            return new[]
            {
                new FieldValue(Label("Practices.TitleField") + suffix, text?.Title),
                new FieldValue(Label("Practices.Summary") + suffix, text?.Summary),
                new FieldValue(Label("Practices.BodyMarkdown") + suffix, text?.Body),
            };
        }),
        new(Label("Practices.Tags"), v.Tags),
        new(Label("Practices.Results"), v.Results),
        new(Label("Practices.Indicators"), v.Indicators),
        new(Label("Practices.ContactName"), v.ContactName),
        new(Label("Practices.ContactEmail"), v.ContactEmail),
    ];
}
