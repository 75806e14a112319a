using System.Net;
using SkillGraph.Application.Authorization;

namespace SkillGraph.Server.Tests.Auth;

/// <summary>
/// <c>viewer</c> tells a client (the studio) who the caller is and what it may do, so it shows only the controls that
/// would be allowed: each key's name, role and permissions as the documented table says, outside Development.
/// </summary>
[Collection(AuthCollection.Name)]
public sealed class ViewerTests(AuthServerFixture fixture)
{
    /// <summary>The documented table (README, decision 0014), written out here rather than read from the code.</summary>
    public static TheoryData<Role, string, string[]> Viewers() => new()
    {
        { Role.Analyst, "analyst", ["Read"] },
        { Role.App, "app", ["Read", "UseStudent"] },
        { Role.Steward, "steward", ["Read", "UseStudent", "SpendTeacher", "Propose", "Apply"] },
        { Role.Reviewer, "reviewer", ["Read", "UseStudent", "Review"] },
        { Role.Admin, "admin", ["Read", "UseStudent", "SpendTeacher", "Propose", "Apply", "Review", "BypassReview", "ManageKeys"] },
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task EachKeySeesItsNameRoleAndPermissions(Role role, string roleName, string[] permissions)
    {
        using var client = fixture.Server.Client(fixture.Server.Keys[role]);

        var answer = await GraphQLAnswer.PostAsync(client, "{ viewer { name roles permissions } }");

        Assert.True(answer.Status == HttpStatusCode.OK && answer.Codes.Count == 0, answer.ToString());
        var viewer = answer.Body["data"]!["viewer"]!;
        Assert.False(string.IsNullOrEmpty(viewer["name"]?.GetValue<string>()), answer.ToString());
        Assert.Equal([roleName], viewer["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(permissions, viewer["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task WithoutAKeyOutsideDevelopmentTheViewerIsRefusedLikeAnyRead()
    {
        using var client = fixture.Server.Client();

        var answer = await GraphQLAnswer.PostAsync(client, "{ viewer { roles } }");

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (answer.Status, answer.Codes.Single()));
    }
}
