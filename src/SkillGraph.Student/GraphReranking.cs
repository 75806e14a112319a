using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student;

/// <summary>Knobs of <see cref="GraphReranking"/>; the defaults were chosen on held-out teacher data (SkillSkape dev; docs/decisions/0019).</summary>
public sealed record GraphRerankOptions
{
    /// <summary>
    /// The default <see cref="Weight"/> (with <see cref="DefaultSkills"/>): chosen with the shipped heads' λ and α by one rule over
    /// five held-out teacher styles (β ∈ {0, .05, .1}; docs/decisions/0022; the card of the shipped heads has the grid).
    /// </summary>
    public const float DefaultWeight = 0.1f;

    /// <summary>The default <see cref="Skills"/>, chosen with <see cref="DefaultWeight"/>.</summary>
    public const int DefaultSkills = 5;

    /// <summary>β: how much the occupation prior adds to a skill's score; 0 = off (the scorer's order).</summary>
    public float Weight { get; init; } = DefaultWeight;

    /// <summary>K: how many of the best extracted skills point to occupations.</summary>
    public int Skills { get; init; } = DefaultSkills;

    /// <summary>How many of the best scored occupations form the prior.</summary>
    public int Occupations { get; init; } = 10;

    /// <summary>
    /// Also consolidate the hierarchy: when a skill and its direct broader or narrower skill are both among the answers and
    /// supported by the same span, the lower-scored one is moved behind the others. Off by default: it cost 0.4–0.7 R-P@5 on
    /// SkillSkape dev at every β (docs/decisions/0019).
    /// </summary>
    public bool Consolidate { get; init; }

    /// <summary>Whether this does anything: a positive <see cref="Weight"/> or <see cref="Consolidate"/>.</summary>
    public bool Active => Weight > 0 || Consolidate;
}

/// <summary>
/// Graph-grounded re-ranking of the extractor's answers (the idea of Pezeshkpour et al., 2023: the occupations a text
/// points to say which skills to expect). The best <see cref="GraphRerankOptions.Skills"/> extracted skills score the
/// occupations as occupation suggestion does (<see cref="OccupationScore"/>, docs/decisions/0006); each candidate then gets
/// <c>score + β · prior(s)</c>, where prior(s) is the score-weighted share of the best <see cref="GraphRerankOptions.Occupations"/>
/// occupations that list s (an optional listing counts <see cref="SuggestOccupations.DefaultOptionalWeight"/>), and the
/// candidates are sorted again. Applied in <see cref="SkillExtractor.Extract"/> only — <see cref="SkillExtractor.Mentions"/>
/// (the matcher's input) stays the scorer's ranking.
/// </summary>
public sealed class GraphReranking(SkillGraphPrior prior, GraphRerankOptions options)
{
    public SkillGraphPrior Prior { get; } = prior ?? throw new ArgumentNullException(nameof(prior));

    public GraphRerankOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>How many of the scorer's candidates to re-rank for an answer of <paramref name="top"/>.</summary>
    public static int PoolSize(int top) => Math.Max(top * 3, 50);

    /// <summary>
    /// <paramref name="pool"/> (the scorer's candidates, best first) re-ranked, best first, with the adjusted scores; with
    /// β = 0 and no consolidation, <paramref name="pool"/> itself.
    /// </summary>
    public IReadOnlyList<SkillMention> Rerank(IReadOnlyList<SkillMention> pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (!Options.Active || pool.Count == 0)
        {
            return pool;
        }

        var ranked = Options.Weight > 0 ? WithPrior(pool) : [.. pool];
        return Options.Consolidate ? Consolidated(ranked) : ranked;
    }

    /// <summary>The prior of each candidate (the share of the text's best occupations that list it), in pool order.</summary>
    public double[] Priors(IReadOnlyList<SkillMention> pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var rows = new List<SkillListing>(Options.Skills);
        foreach (var mention in pool.Take(Options.Skills))
        {
            if (mention.Score > 0)
            {
                var (essential, optional) = Prior.Listing(mention.Uri);
                rows.Add(new SkillListing(Math.Min(1.0, mention.Score), essential, optional));
            }
        }

        var priors = new double[pool.Count];
        if (rows.Count == 0)
        {
            return priors;
        }

        var occupations = OccupationScore.Of(rows, Prior.OccupationCount, Prior.Size);
        occupations.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Occupation.CompareTo(b.Occupation));
        var top = occupations.Take(Options.Occupations).Where(o => o.Score > 0).ToDictionary(o => o.Occupation, o => o.Score);
        var total = top.Values.Sum();
        if (total <= 0)
        {
            return priors;
        }

        for (var i = 0; i < pool.Count; i++)
        {
            var (essential, optional) = Prior.Listing(pool[i].Uri);
            var share = 0.0;
            foreach (var occupation in essential)
            {
                share += top.GetValueOrDefault(occupation);
            }

            foreach (var occupation in optional)
            {
                if (top.TryGetValue(occupation, out var score) && !essential.Contains(occupation))
                {
                    share += SuggestOccupations.DefaultOptionalWeight * score;
                }
            }

            priors[i] = share / total;
        }

        return priors;
    }

    private List<SkillMention> WithPrior(IReadOnlyList<SkillMention> pool)
    {
        var priors = Priors(pool);
        var order = Enumerable.Range(0, pool.Count)
            .Select(i => (Index: i, Score: pool[i].Score + (float)(Options.Weight * priors[i])))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Index); // stable: equal adjusted scores keep the scorer's order
        return [.. order.Select(c => pool[c.Index] with { Score = c.Score })];
    }

    /// <summary>A skill whose direct broader or narrower skill ranks above it on the same span goes behind the others.</summary>
    private List<SkillMention> Consolidated(List<SkillMention> ranked)
    {
        var kept = new List<SkillMention>(ranked.Count);
        var demoted = new List<SkillMention>();
        var hierarchy = Prior.Hierarchy;
        foreach (var mention in ranked)
        {
            var span = mention.Spans.Count > 0 ? mention.Spans[0] : default;
            var duplicate = kept.Exists(k => k.Spans.Count > 0 && k.Spans[0] == span
                && (hierarchy.Broader(mention.Uri).Contains(k.Uri) || hierarchy.Narrower(mention.Uri).Contains(k.Uri)));
            (duplicate ? demoted : kept).Add(mention);
        }

        if (demoted.Count == 0)
        {
            return kept;
        }

        // behind the others, and never scored above the one before them, so the answer stays sorted by score
        var floor = kept.Count > 0 ? kept[^1].Score : float.PositiveInfinity;
        foreach (var mention in demoted)
        {
            floor = Math.Min(floor, mention.Score);
            kept.Add(mention with { Score = floor });
        }

        return kept;
    }
}
