using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;
using SkillGraph.Student;
using SkillGraph.Tests.Features.Small;

namespace SkillGraph.Tests.Student;

/// <summary>
/// The extractor's graph re-ranking over a real store (the tiny graph, read through <c>IGraphStore</c>): the occupations the
/// best skills point to raise the skills they require, a broader/narrower pair on one span keeps one, β = 0 changes nothing,
/// and the matcher's input (<see cref="SkillExtractor.Mentions"/>) is never re-ranked.
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class GraphRerankingTests(TinyGraphFixture graph)
{
    [Fact]
    public async Task A_skill_the_texts_occupations_require_overtakes_an_unrelated_one_with_the_same_score()
    {
        var prior = await SkillGraphPrior.LoadAsync(graph.Store);
        // Java, SQL and testing point to the software developer; cooking (first at the tie) is required by none of its occupations
        SkillMention[] pool =
        [
            Mention(TinyGraph.Java, 0.8f, 0, 4),
            Mention(TinyGraph.Sql, 0.7f, 10, 13),
            Mention(TinyGraph.TestSoftware, 0.6f, 20, 27),
            Mention(TinyGraph.Cooking, 0.4f, 30, 37),
            Mention(TinyGraph.Git, 0.4f, 40, 43),
        ];

        var reranked = new GraphReranking(prior, new GraphRerankOptions { Weight = 0.5f, Skills = 3 }).Rerank(pool);

        var order = reranked.Select(m => m.Uri).ToList();
        Assert.True(order.IndexOf(TinyGraph.Git.Value) < order.IndexOf(TinyGraph.Cooking.Value), string.Join(", ", order));
        Assert.Equal(0.4f, reranked.Single(m => m.Uri == TinyGraph.Cooking.Value).Score); // no occupation of the text lists it
        Assert.True(reranked.Single(m => m.Uri == TinyGraph.Git.Value).Score > 0.4f);
        Assert.Equal(reranked.Select(m => m.Score).OrderDescending(), reranked.Select(m => m.Score)); // still best first
        var priors = new GraphReranking(prior, new GraphRerankOptions { Weight = 0.5f, Skills = 3 }).Priors(pool);
        Assert.Equal(0.0, priors[3]);
        Assert.InRange(priors[4], 0.0001, 1.0);
    }

    [Fact]
    public async Task A_skill_and_its_broader_skill_on_the_same_span_keep_only_the_better_scored_one_in_front()
    {
        var prior = await SkillGraphPrior.LoadAsync(graph.Store);
        // Java's broader skill is object-oriented programming; both were found on the same word
        SkillMention[] pool =
        [
            Mention(TinyGraph.Java, 0.8f, 0, 4),
            Mention(TinyGraph.Oop, 0.7f, 0, 4),
            Mention(TinyGraph.Sql, 0.6f, 10, 13),
            Mention(TinyGraph.Kotlin, 0.5f, 20, 26), // also narrower than OOP, but on its own span: kept
        ];

        var consolidated = new GraphReranking(prior, new GraphRerankOptions { Consolidate = true }).Rerank(pool);

        Assert.Equal([TinyGraph.Java.Value, TinyGraph.Sql.Value, TinyGraph.Kotlin.Value, TinyGraph.Oop.Value], consolidated.Select(m => m.Uri));
        Assert.Equal(consolidated.Select(m => m.Score).OrderDescending(), consolidated.Select(m => m.Score));
    }

    [Fact]
    public async Task Beta_zero_gives_exactly_the_scorers_ranking_and_mentions_are_never_reranked()
    {
        var prior = await SkillGraphPrior.LoadAsync(graph.Store);
        var catalog = await StoreCatalog.LoadAsync(graph.Store);
        using var encoder = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 1 });
        var index = SkillIndex.Build(catalog, encoder);
        var scorer = new SkillScorer(ScorerModel.Build(null, MiniLmEncoder.Dimension, index.LabelMatrix(0.5f), catalog.Count));
        using var extractor = new SkillExtractor(new TextEncoder(encoder, null, SpanContext.Standalone), scorer, catalog);
        const string text = "Our developers write Java and SQL every day, test software and use Git; some cook meals for the team.";

        var plain = extractor.Extract(text, 8);
        extractor.UseGraph(new GraphReranking(prior, new GraphRerankOptions { Weight = 0f }));
        var betaZero = extractor.Extract(text, 8);
        extractor.UseGraph(new GraphReranking(prior, new GraphRerankOptions { Weight = 0.5f }));
        var reranked = extractor.Extract(text, 8);
        var mentions = extractor.Mentions(extractor.Encoder.Encode(text), 8);

        Assert.Equal(Describe(plain), Describe(betaZero));
        Assert.Equal(Describe(plain), Describe(mentions));
        Assert.Contains(reranked, m => m.Uri == TinyGraph.Java.Value);
        Assert.Contains(reranked, m => m.Uri == TinyGraph.Sql.Value);
        Assert.Equal(reranked.Select(m => m.Score).OrderDescending(), reranked.Select(m => m.Score));
    }

    private static SkillMention Mention(ConceptUri skill, float score, int start, int end) => new(skill.Value, skill.Value, score, [new TextSpan(start, end)]);

    private static string[] Describe(IEnumerable<SkillMention> mentions) =>
        [.. mentions.Select(m => FormattableString.Invariant($"{m.Uri} {m.Score:R} {string.Join(' ', m.Spans)}"))];
}
