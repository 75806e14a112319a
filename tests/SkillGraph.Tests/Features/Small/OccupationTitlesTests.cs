using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Features.Curation.CreateConcept;
using SkillGraph.Application.Features.Curation.DeprecateConcept;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;
using SkillGraph.Graph.Embedded;
using SkillGraph.Tests.Support;
using static SkillGraph.Tests.Features.Small.FixedSkillExtractor;
using static SkillGraph.Tests.Features.Small.TinyGraph;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// The occupations a text names by title (<see cref="OccupationTitles"/>) on a real SQLite store of <see cref="TinyGraph"/>, and
/// how <see cref="SuggestOccupationsForText"/> weighs them beside the skills: found as whole runs of words, longest first, a
/// one-word title only in a title line, as the role the text presents or opening one of its first lines, following the stewards' changes.
/// </summary>
public sealed class OccupationTitlesTests : IAsyncLifetime
{
    private readonly string _directory = TestPaths.NewTempDirectory();
    private SqliteGraphStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, "tiny.db"), SeedSampleWhenEmpty = false });
        await _store.WriteAsync(TinyGraph.Batch());
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_title_line_counts_fully_running_text_less_and_the_longest_label_wins()
    {
        var titles = new OccupationTitles(_store);

        var named = await titles.FindAsync(
            "Senior Mobile App Developers\nWe want someone who worked beside a software developer and a data analyst on the same product team.");

        Assert.Equal(
            [(MobileDeveloper, "mobile app developers", 1.0), (Developer, "software developer", OccupationTitles.BodyWeight), (Analyst, "data analyst", OccupationTitles.BodyWeight)],
            named.Select(n => (n.Occupation, n.Words, n.Weight)));
    }

    [Fact]
    public async Task A_plural_head_word_inside_a_label_is_found_and_beats_the_shorter_label()
    {
        var extractor = new FixedSkillExtractor();
        using var host = Host(extractor);
        var titles = host.Services.GetRequiredService<OccupationTitles>();
        var specific = (await host.Mediator.Send(new CreateConcept(ConceptKind.Occupation, "wholesale merchant in household goods", [], null, "trade"))).Concept!;
        var general = (await host.Mediator.Send(new CreateConcept(ConceptKind.Occupation, "wholesale merchant", [], null, "trade"))).Concept!;

        var named = await titles.FindAsync("About the role: wholesale merchants in household goods find buyers and suppliers. Wholesale merchants negotiate.");

        Assert.Equal([(specific.Uri, "wholesale merchants in household goods"), (general.Uri, "wholesale merchants")], named.Select(n => (n.Occupation, n.Words)));
        Assert.Empty(await titles.FindAsync("We sell household goods in bulk to wholesale buyers."));
    }

    [Fact]
    public async Task A_generic_alternative_label_names_no_occupation_but_a_preferred_one_does()
    {
        using var host = Host(new FixedSkillExtractor());
        var titles = host.Services.GetRequiredService<OccupationTitles>();
        // "technician" ends three preferred labels, so it is generic as another occupation's alternative label; a preferred label
        // that is one word ("electrician") and an alternative one that ends fewer ("repair tech") still name their occupations.
        foreach (var label in new[] { "dental technician", "surveying technician", "sound technician" })
        {
            await host.Mediator.Send(new CreateConcept(ConceptKind.Occupation, label, [], null, "trade"));
        }

        var repairer = (await host.Mediator.Send(new CreateConcept(ConceptKind.Occupation, "electronics repairer", ["technician", "repair tech"], null, "trade"))).Concept!;
        var electrician = (await host.Mediator.Send(new CreateConcept(ConceptKind.Occupation, "electrician", [], null, "trade"))).Concept!;

        Assert.Empty(await titles.FindAsync("Technician\nWe are looking for a technician to join our workshop."));
        Assert.Equal([(repairer.Uri, "repair tech")], (await titles.FindAsync("Repair tech\nFix phones and laptops.")).Select(n => (n.Occupation, n.Words)));
        Assert.Equal([(electrician.Uri, 1.0)], (await titles.FindAsync("About the role\nWe are seeking an electrician for new builds.")).Select(n => (n.Occupation, n.Weight)));
    }

    [Fact]
    public async Task A_title_the_text_presents_as_the_role_counts_as_much_as_a_title_line_even_as_one_word()
    {
        var titles = new OccupationTitles(_store);

        var seeking = await titles.FindAsync("About the role\nWe are seeking a highly motivated and experienced Chef to join our family restaurant.");
        var looking = await titles.FindAsync("About us\nOur client is looking for an experienced software developer; you will report to a data analyst.");
        var wanted = await titles.FindAsync("Busy bistro in town\nChef wanted for the summer season.");
        var resume = await titles.FindAsync("Anna Berg\nI worked as a chef in two restaurants before I moved to Oslo.");
        var notTheRole = await titles.FindAsync("About the role\nWe are seeking a candidate with the skills of a chef and a data analyst.");

        Assert.Equal([(Chef, 1.0)], seeking.Select(n => (n.Occupation, n.Weight)));
        Assert.Equal(OccupationTitles.RoleWeight, seeking[0].Weight);
        Assert.Equal([(Developer, OccupationTitles.RoleWeight), (Analyst, OccupationTitles.BodyWeight)], looking.Select(n => (n.Occupation, n.Weight)));
        Assert.Equal([(Chef, OccupationTitles.RoleWeight)], wanted.Select(n => (n.Occupation, n.Weight)));
        Assert.Equal([(Chef, OccupationTitles.RoleWeight)], resume.Select(n => (n.Occupation, n.Weight)));
        Assert.Equal([(Analyst, OccupationTitles.BodyWeight)], notTheRole.Select(n => (n.Occupation, n.Weight))); // "with … of a" breaks the cue; one-word "chef" uncued
    }

    [Fact]
    public async Task A_title_that_opens_one_of_the_first_lines_is_the_role_even_as_one_word()
    {
        var titles = new OccupationTitles(_store);

        var heading = await titles.FindAsync("Anna Berg\nChef\nanna.berg@example.org | Oslo");
        var summary = await titles.FindAsync("Anna Berg\nDedicated and highly skilled chef with eight years in busy kitchens across Norway and Sweden.");
        var opening = await titles.FindAsync("Experienced software developer, to join our payments team in Oslo, where you will work beside a data analyst.");
        var later = await titles.FindAsync("Anna Berg\nOslo, Norway\nEight years in busy kitchens.\nChef and sommelier.");
        var notOpening = await titles.FindAsync("Anna Berg\nEvery evening our chef cooks fish for the guests.");

        Assert.Equal([(Chef, OccupationTitles.RoleWeight)], heading.Select(n => (n.Occupation, n.Weight)));
        Assert.Equal([(Chef, OccupationTitles.RoleWeight)], summary.Select(n => (n.Occupation, n.Weight)));
        Assert.Equal([(Developer, OccupationTitles.RoleWeight), (Analyst, OccupationTitles.BodyWeight)], opening.Select(n => (n.Occupation, n.Weight)));
        Assert.Empty(later); // the fourth line is no longer the text's opening
        Assert.Empty(notOpening); // "our chef" does not open its line
    }

    [Fact]
    public async Task A_one_word_title_in_running_text_or_in_a_list_is_not_the_role()
    {
        var titles = new OccupationTitles(_store);

        var body = await titles.FindAsync("Every evening our chef cooks fish and seasonal vegetables for the guests of the restaurant.");
        var heading = await titles.FindAsync("Anna Berg - Chef\nEvery evening I cook fish and seasonal vegetables for the guests of the restaurant.");
        var bullet = await titles.FindAsync("Restaurant opening in May\n- chef\n- waiters");

        Assert.Empty(body);
        Assert.Empty(bullet); // only the first line is the title line
        Assert.Equal([(Chef, 1.0)], heading.Select(n => (n.Occupation, n.Weight)));
    }

    [Fact]
    public async Task A_named_occupation_is_suggested_even_without_its_skills_and_says_why()
    {
        // The skills point to the data analyst only; the heading names the software tester, which lists none of them.
        var extractor = new FixedSkillExtractor(Mention(Statistics, "statistics", 0.9f));
        using var host = Host(extractor);

        var withTitles = await host.Mediator.Send(new SuggestOccupationsForText("Software tester\nI ran statistics on defect reports for years."));
        var skillsOnly = await host.Mediator.Send(new SuggestOccupationsForText("Software tester\nI ran statistics on defect reports for years.") { UseTitles = false });

        Assert.Equal(["software tester", "data analyst"], withTitles.Occupations.Select(o => o.Occupation.Label));
        var tester = withTitles.Occupations[0];
        Assert.Equal("software tester", tester.NamedAs);
        Assert.Equal(["the text names it: \"software tester\"", "matches 0 of its 1 essential skill"], tester.Reasons);
        Assert.Null(withTitles.Occupations[1].NamedAs);
        Assert.Equal(["data analyst"], skillsOnly.Occupations.Select(o => o.Occupation.Label));
    }

    [Fact]
    public async Task Among_named_occupations_the_skills_decide()
    {
        // Both developers are named in running text; Java and SQL are essential for the software developer, optional or absent for the web developer.
        var extractor = new FixedSkillExtractor(Mention(Java, "Java", 0.9f), Mention(Sql, "SQL", 0.8f));
        using var host = Host(extractor);

        var answer = await host.Mediator.Send(new SuggestOccupationsForText("I worked as a web developer first and then as a software developer on billing systems in Java."));

        Assert.Equal(["software developer", "web developer"], answer.Occupations.Take(2).Select(o => o.Occupation.Label));
        Assert.All(answer.Occupations.Take(2), o => Assert.NotNull(o.NamedAs));
    }

    [Fact]
    public async Task A_title_a_steward_adds_is_found_at_once_and_a_deprecated_one_is_not()
    {
        using var host = Host(new FixedSkillExtractor());
        var titles = host.Services.GetRequiredService<OccupationTitles>();
        Assert.Empty(await titles.FindAsync("Pastry cook"));

        var created = (await host.Mediator.Send(new CreateConcept(ConceptKind.Occupation, "pastry cook", ["patissier"], null, "bakery"))).Concept!;
        var named = await host.Mediator.Send(new SuggestOccupationsForText("Patissier\nLaminated doughs, croissants and plated desserts."));
        Assert.Equal(["pastry cook"], named.Occupations.Select(o => o.Occupation.Label));

        await host.Mediator.Send(new DeprecateConcept(created.Uri, created.Version, null, "merged into chef"));
        Assert.Empty(await titles.FindAsync("Patissier"));
    }

    [Fact]
    public async Task A_name_that_is_no_live_occupation_is_skipped_not_an_error()
    {
        // What a title index a moment old could hand in: a skill, an unknown URI, a deprecated occupation, and one that is fine.
        using var host = Host(new FixedSkillExtractor());
        var created = (await host.Mediator.Send(new CreateConcept(ConceptKind.Occupation, "pastry cook", [], null, "bakery"))).Concept!;
        await host.Mediator.Send(new DeprecateConcept(created.Uri, created.Version, null, "merged into chef"));
        var request = new SuggestOccupations([])
        {
            Named =
            [
                new NamedOccupation(Java, "java", 1.0),
                new NamedOccupation(ConceptUri.Parse("http://example.org/occupation/nobody"), "nobody", 1.0),
                new NamedOccupation(created.Uri, "pastry cook", 1.0),
                new NamedOccupation(Chef, "chef", 1.0),
            ],
        };

        var answer = await host.Mediator.Send(request);

        Assert.Equal(["chef"], answer.Select(o => o.Occupation.Label));
    }

    private MediatorHost Host(FixedSkillExtractor extractor) =>
        new(_store, ports: services => services.AddSingleton<ISkillExtractor>(extractor));
}
