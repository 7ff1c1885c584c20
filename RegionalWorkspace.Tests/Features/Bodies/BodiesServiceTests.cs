using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Bodies;

public sealed class BodiesServiceTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private BodiesService Bodies => Host.Get<BodiesService>();

    private static MemberInput ValidMember(string name) => new()
    {
        FullName = name,
        FullNameAr = "سلمى بناني",
        Organisation = "Association Femmes et Développement",
        SeatType = SeatType.CivilSociety,
        Gender = Gender.Female,
        MandateStart = new DateOnly(2025, 1, 1),
        MandateEnd = new DateOnly(2029, 12, 31),
    };

    private async Task<int> MemberCountAsync(int bodyId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.BodyMembers.CountAsync(m => m.BodyId == bodyId);
    }

    [Fact]
    public async Task AddMember_OfficerOfOwnRegion_IsSaved()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");

        var id = await Bodies.AddMemberAsync(officer, bodyId, ValidMember("Salma Bennani"));

        await using var db = await Host.CreateDbContextAsync();
        var saved = await db.BodyMembers.SingleAsync(m => m.Id == id);
        Assert.Equal("Salma Bennani", saved.FullName);
        Assert.Equal("Khadija Alami", saved.UpdatedBy);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task AddMember_OfficerOfAnotherRegion_IsRefusedAndSavesNothing()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var before = await MemberCountAsync(bodyId);
        var otherOfficer = await Host.PrincipalAsync("officer.sm@demo.ma");

        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => Bodies.AddMemberAsync(otherOfficer, bodyId, ValidMember("Intrus")));

        Assert.Equal("Error.OtherRegion", refusal.Message);
        Assert.Equal(before, await MemberCountAsync(bodyId));
    }

    [Theory]
    [InlineData("leadership@demo.ma")]
    [InlineData("cese@demo.ma")]
    [InlineData("trainer@demo.ma")]
    public async Task UpdateBody_RolesThatOnlyRead_AreRefused(string email)
    {
        var bodyId = await Host.BodyIdAsync("SM", BodyKind.EconomicActors);
        var body = await Bodies.GetAsync(await Host.PrincipalAsync(email), bodyId);
        var input = BodyInput.From(body);
        input.NameFr = "Renommée";

        await Assert.ThrowsAsync<AccessDeniedException>(() => Bodies.UpdateAsync(Host.PrincipalAsync(email).Result, bodyId, input));

        Assert.NotEqual("Renommée", (await Bodies.GetAsync(await Host.PrincipalAsync(email), bodyId)).NameFr);
    }

    [Fact]
    public async Task AddMember_InvalidInput_ListsEveryFieldAndSavesNothing()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.EquityAndGender);
        var before = await MemberCountAsync(bodyId);
        var input = ValidMember("");
        input.Gender = (Gender)42;
        input.MandateEnd = new DateOnly(2020, 1, 1);
        input.Organisation = new string('x', 201);

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Bodies.AddMemberAsync(Host.PrincipalAsync("officer.rsk@demo.ma").Result, bodyId, input));

        Assert.Equal(
            ["FullName:Validation.Required", "Gender:Validation.Choose", "MandateEnd:Validation.EndBeforeStart", "Organisation:Validation.TooLong"],
            refusal.Errors.Select(e => $"{e.Field}:{e.MessageKey}").Order());
        Assert.Equal(before, await MemberCountAsync(bodyId));
    }

    [Fact]
    public async Task AddMember_ControlCharactersInName_AreRefused()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.EquityAndGender);
        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Bodies.AddMemberAsync(Host.PrincipalAsync("officer.rsk@demo.ma").Result, bodyId, ValidMember("Nadia\u0000Tazi")));
        Assert.Contains(refusal.Errors, e => e is { Field: "FullName", MessageKey: "Validation.ControlCharacters" });
    }

    [Fact]
    public async Task UpdateMember_TwoEditsFromTheSameVersion_SecondIsRefusedWithTheFirstPersonsValues()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.EconomicActors);
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var id = await Bodies.AddMemberAsync(officer, bodyId, ValidMember("Omar Tazi"));
        var row = (await Bodies.ListMembersAsync(officer, bodyId, "Omar Tazi", 0, 10)).Items.Single();

        var first = MemberInput.From(row);
        first.Organisation = "Chambre d'agriculture";
        await Bodies.UpdateMemberAsync(officer, id, first);

        var second = MemberInput.From(row);
        second.Organisation = "CGEM";
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Bodies.UpdateMemberAsync(admin, id, second));

        Assert.Equal("Khadija Alami", conflict.UpdatedBy);
        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal("Chambre d'agriculture", Assert.IsType<MemberRow>(conflict.Current).Organisation);
        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal("Chambre d'agriculture", (await db.BodyMembers.SingleAsync(m => m.Id == id)).Organisation);
    }

    [Fact]
    public async Task CreateBody_SecondBodyOfAnArticle117Kind_IsRefused()
    {
        var rskId = await RegionIdAsync("RSK");
        var input = new BodyInput { Kind = BodyKind.Youth, NameFr = "Doublon", NameAr = "مكرر", Status = BodyStatus.Active };

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Bodies.CreateAsync(Host.PrincipalAsync("officer.rsk@demo.ma").Result, rskId, input));

        Assert.Contains(refusal.Errors, e => e is { Field: "Kind", MessageKey: "Validation.KindTaken" });
    }

    [Fact]
    public async Task CreateBody_DialogueMechanism_AppearsInTheRegion()
    {
        var rskId = await RegionIdAsync("RSK");
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        var input = new BodyInput { Kind = BodyKind.DialogueMechanism, NameFr = "Forum régional de la jeunesse", NameAr = "المنتدى الجهوي للشباب", Status = BodyStatus.BeingFormed };

        var id = await Bodies.CreateAsync(officer, rskId, input);

        var body = await Bodies.GetAsync(officer, id);
        Assert.Equal(("RSK", BodyKind.DialogueMechanism, "المنتدى الجهوي للشباب"), (body.RegionCode, body.Kind, body.NameAr));
    }

    [Fact]
    public async Task AddMeeting_HeldInTheFuture_IsRefused()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var input = new MeetingInput { Date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), Status = MeetingStatus.Held, Agenda = "1. Budget" };

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Bodies.AddMeetingAsync(Host.PrincipalAsync("officer.rsk@demo.ma").Result, bodyId, input));

        Assert.Contains(refusal.Errors, e => e is { Field: "Status", MessageKey: "Validation.HeldInFuture" });
    }

    [Fact]
    public async Task UpdateMeeting_ReplacesItsOutputs()
    {
        var bodyId = await Host.BodyIdAsync("SM", BodyKind.Youth);
        var officer = await Host.PrincipalAsync("officer.sm@demo.ma");
        var input = new MeetingInput
        {
            Date = new DateOnly(2026, 3, 12),
            Status = MeetingStatus.Held,
            Agenda = "1. Emploi des jeunes",
            Outputs = [new OutputInput { Kind = OutputKind.Opinion, Title = "Avis sur l'emploi" }],
        };
        var id = await Bodies.AddMeetingAsync(officer, bodyId, input);
        var row = (await Bodies.ListMeetingsAsync(officer, bodyId, 0, 100)).Items.Single(m => m.Id == id);

        var edit = MeetingInput.From(row);
        edit.Outputs = [new OutputInput { Kind = OutputKind.Recommendation, Title = "R1" }, new OutputInput { Kind = OutputKind.Recommendation, Title = "R2" }];
        await Bodies.UpdateMeetingAsync(officer, id, edit);

        var saved = (await Bodies.ListMeetingsAsync(officer, bodyId, 0, 100)).Items.Single(m => m.Id == id);
        Assert.Equal(["R1", "R2"], saved.Outputs.Select(o => o.Title));
        Assert.Equal(2, saved.Version);
    }

    [Fact]
    public async Task ListMembers_Paged_ReturnsTheRequestedSliceAndTheTotal()
    {
        var bodyId = await Host.BodyIdAsync("CS", BodyKind.EconomicActors);
        var reader = await Host.PrincipalAsync("leadership@demo.ma");

        var all = await Bodies.ListMembersAsync(reader, bodyId, null, 0, 100);
        var second = await Bodies.ListMembersAsync(reader, bodyId, null, 1, 3);

        Assert.True(all.Total >= 8);
        Assert.Equal(all.Total, second.Total);
        Assert.Equal(all.Items.Skip(3).Take(3).Select(m => m.Id), second.Items.Select(m => m.Id));
    }

    private async Task<int> RegionIdAsync(string code)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync();
    }
}
