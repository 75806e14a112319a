using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Concepts.SearchConcepts;
using SkillGraph.Application.Features.Keys.CreateApiKey;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Features.Authorization;

/// <summary>
/// The authorization behaviour of the Mediator pipeline: every request, from any host, is refused unless its caller
/// holds what the request declares ([Requires], else Read) — before validation and before the handler.
/// </summary>
public sealed class AuthorizationBehaviorTests : IAsyncLifetime
{
    private static readonly ConceptUri Developer = ConceptUri.Parse("http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1");
    private readonly string _directory = TestPaths.NewTempDirectory();
    private SqliteGraphStore _store = null!;

    public async Task InitializeAsync() =>
        _store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, "sample.db") });

    public static TheoryData<Role, string> Roles_and_their_permissions() => new()
    {
        { Role.Analyst, "Read" },
        { Role.App, "Read, UseStudent" },
        { Role.Steward, "Read, UseStudent, SpendTeacher, Propose, Apply" },
        { Role.Reviewer, "Read, UseStudent, Review" },
        { Role.Admin, "Read, UseStudent, SpendTeacher, Propose, Apply, Review, BypassReview, ManageKeys" },
    };

    [Theory]
    [MemberData(nameof(Roles_and_their_permissions))]
    public void Each_role_grants_the_permissions_of_the_documented_table(Role role, string permissions) =>
        Assert.Equal(permissions, Roles.Permissions(role).ToString());

    [Fact]
    public void Requests_declare_what_they_need_and_the_rest_need_read()
    {
        Assert.Equal(Permission.Read | Permission.UseStudent, RequiresAttribute.Of(typeof(ExtractSkills)));
        Assert.Equal(Permission.Read | Permission.UseStudent, RequiresAttribute.Of(typeof(MatchResume)));
        Assert.Equal(Permission.Read | Permission.UseStudent, RequiresAttribute.Of(typeof(SuggestOccupationsForText)));
        Assert.Equal(Permission.Read | Permission.SpendTeacher, RequiresAttribute.Of(typeof(GenerateJobDescription)));
        Assert.Equal(Permission.Read | Permission.ManageKeys, RequiresAttribute.Of(typeof(CreateApiKey)));
        Assert.Equal(Permission.Read, RequiresAttribute.Of(typeof(SearchConcepts)));
    }

    [Fact]
    public async Task An_analyst_is_refused_a_student_request_with_FORBIDDEN_before_it_is_validated()
    {
        using var host = Host(Caller.WithRoles("dashboards", Role.Analyst));

        // Invalid too (first = 0): authorization answers first, so the caller learns nothing about the request.
        var error = await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Mediator.Send(new ExtractSkills("Java and SQL", First: 0)));

        Assert.Equal(ErrorCode.Forbidden, error.Code);
        Assert.Equal("ExtractSkills needs UseStudent (held by app, steward, reviewer, admin); the caller 'dashboards' (role analyst) may not.", error.Message);
    }

    [Fact]
    public async Task An_app_passes_to_the_student_port_but_not_to_the_teacher()
    {
        using var host = Host(Caller.WithRoles("careers-site", Role.App));

        // Past authorization, the host's missing student answers: the request reached its handler.
        await Assert.ThrowsAsync<ModelUnavailableException>(async () => await host.Mediator.Send(new ExtractSkills("Java and SQL")));
        var refused = await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Mediator.Send(new GenerateJobDescription(Developer)));
        Assert.StartsWith("GenerateJobDescription needs SpendTeacher (held by steward, admin)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_steward_may_spend_on_the_teacher_and_a_reviewer_may_not()
    {
        using var steward = Host(Caller.WithRoles("curator", Role.Steward));
        using var reviewer = Host(Caller.WithRoles("checker", Role.Reviewer));

        await Assert.ThrowsAsync<ModelUnavailableException>(async () => await steward.Mediator.Send(new GenerateJobDescription(Developer)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await reviewer.Mediator.Send(new GenerateJobDescription(Developer)));
    }

    [Fact]
    public async Task A_nested_request_is_authorized_again_for_the_same_caller()
    {
        using var host = Host(Caller.WithRoles("careers-site", Role.App));

        // SuggestOccupationsForText needs the student: refused at the first step for an analyst, let through for an app.
        using var analyst = Host(Caller.WithRoles("dashboards", Role.Analyst));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await analyst.Mediator.Send(new SuggestOccupationsForText("Java developer")));
        await Assert.ThrowsAsync<ModelUnavailableException>(async () => await host.Mediator.Send(new SuggestOccupationsForText("Java developer")));
    }

    [Fact]
    public async Task A_host_that_names_no_caller_is_refused_every_request_with_UNAUTHENTICATED()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IGraphStore>(_store);
        services.AddSkillGraphApplication();
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<UnauthenticatedException>(async () =>
            await provider.GetRequiredService<IMediator>().Send(new SearchConcepts(new SearchQuery("software", null, 3))));

        Assert.Equal(ErrorCode.Unauthenticated, error.Code);
        Assert.Equal("SearchConcepts needs Read (held by analyst, app, steward, reviewer, admin); the caller is not signed in: send an API key or a bearer token.", error.Message);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private MediatorHost Host(Caller caller) => new(_store, ports: services => services.AddSingleton<ICurrentUser>(new FixedCaller(caller)));

    private sealed class FixedCaller(Caller caller) : ICurrentUser
    {
        public Caller Caller { get; } = caller;
    }
}
