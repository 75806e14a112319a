using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Domain;
using SkillGraph.Student.Evaluation;

namespace SkillGraph.Student.Training;

/// <summary>
/// One held-out writing style the extractor's knobs are chosen on (docs/decisions/0022): texts the student never trained on,
/// encoded once, and one figure per setting, read as <see cref="SkillExtractor.Extract"/> (and occupation suggestion) would
/// read them with those heads, that fusion weight and that graph re-ranking.
/// </summary>
public abstract class HeldOutStyle(string name, string measure)
{
    /// <summary>The set, e.g. "SkillSkape dev".</summary>
    public string Name { get; } = name;

    /// <summary>What <see cref="Score"/> measures, e.g. "R-P@5".</summary>
    public string Measure { get; } = measure;

    IReadOnlyList<EncodedText> _encoded = [];

    /// <summary>How many texts are measured.</summary>
    public int Count => Texts.Count;

    /// <summary>The texts measured, in the order the style's figures read them.</summary>
    protected abstract IReadOnlyList<string> Texts { get; }

    /// <summary>Encodes the texts (once; the encoder does not depend on the heads).</summary>
    public void Encode(TextEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _encoded = [.. Texts.Select(text => encoder.Encode(text))];
    }

    /// <summary>
    /// The figure for these heads (<paramref name="extractor"/>'s scorer) and fusion weight under each of
    /// <paramref name="rerankings"/> (null or inactive: the scorer's order); the scorer runs once per text.
    /// </summary>
    public abstract double[] Score(SkillExtractor extractor, float alpha, IReadOnlyList<GraphReranking?> rerankings);

    /// <summary>
    /// The scorer's candidates of each encoded text for an answer of <paramref name="top"/>, as many as
    /// <see cref="SkillExtractor.Extract"/> re-ranks (<see cref="GraphReranking.PoolSize"/>); <see cref="Answer"/> cuts them
    /// to the answer of one setting.
    /// </summary>
    protected List<IReadOnlyList<SkillMention>> Candidates(SkillExtractor extractor, float alpha, int top)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        var pool = Math.Min(GraphReranking.PoolSize(top), extractor.Catalog.Count);
        return [.. _encoded.Select(encoded => encoded.ChunkCount == 0
            ? (IReadOnlyList<SkillMention>)[]
            : extractor.ToMentions(encoded, extractor.Scorer.Score(encoded, pool, alpha)))];
    }

    /// <summary>The first <paramref name="top"/> of <paramref name="candidates"/> re-ranked as <see cref="SkillExtractor.Extract"/> re-ranks them.</summary>
    protected static IEnumerable<SkillMention> Answer(IReadOnlyList<SkillMention> candidates, GraphReranking? reranking, int top) =>
        (reranking is { Options.Active: true } ? reranking.Rerank(candidates) : candidates).Take(top);
}

/// <summary>Labelled sentences (SkillSkape dev, the offline teacher's sentences of held-out occupations): R-Precision@5 of the extractor's ranking.</summary>
public sealed class RankingStyle(string name, IReadOnlyList<LabelledText> items) : HeldOutStyle(name, "R-P@5")
{
    public IReadOnlyList<LabelledText> Items { get; } = [.. items.Where(i => i.Gold.Length > 0)];

    protected override IReadOnlyList<string> Texts => field ??= [.. Items.Select(i => i.Text)];

    public override double[] Score(SkillExtractor extractor, float alpha, IReadOnlyList<GraphReranking?> rerankings) =>
        [.. Metrics(extractor, alpha, rerankings).Select(m => m.RPrecision5)];

    /// <summary>Every ranking figure under each re-ranking, as <see cref="ExtractionMetrics.Of(IReadOnlyList{LabelledText}, SkillExtractor)"/> would give them.</summary>
    public IReadOnlyList<ExtractionMetrics> Metrics(SkillExtractor extractor, float alpha, IReadOnlyList<GraphReranking?> rerankings)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(rerankings);
        const int Depth = ExtractionMetrics.Depth;
        var candidates = Candidates(extractor, alpha, Depth);
        return [.. rerankings.Select(r => ExtractionMetrics.Compute(Items, q =>
            [.. Answer(candidates[q], r, Depth).Select(m => (long)extractor.Catalog.IndexOfUri(m.Uri))]))];
    }
}

/// <summary>
/// Human-annotated spans (SkillSpan dev, no ESCO links): token F1 of the spans of the extractor's 10 best answers at the
/// threshold that suits the setting best (as <see cref="SpanEvaluation.Best"/>; a span threshold is part of the setting).
/// </summary>
public sealed class SpanStyle(string name, IReadOnlyList<SpanSentence> sentences) : HeldOutStyle(name, "token F1")
{
    protected override IReadOnlyList<string> Texts { get; } = [.. sentences.Select(s => s.Text)];

    public override double[] Score(SkillExtractor extractor, float alpha, IReadOnlyList<GraphReranking?> rerankings)
    {
        ArgumentNullException.ThrowIfNull(rerankings);
        const int Top = 10;
        var candidates = Candidates(extractor, alpha, Top);
        return [.. rerankings.Select(r => TokenF1(candidates, r, Top))];
    }

    double TokenF1(List<IReadOnlyList<SkillMention>> candidates, GraphReranking? reranking, int top)
    {
        var predicted = new List<IReadOnlyList<(TextSpan, float)>>(sentences.Count);
        foreach (var pool in candidates)
        {
            var best = new Dictionary<TextSpan, float>();
            foreach (var mention in Answer(pool, reranking, top))
            {
                foreach (var span in mention.Spans)
                {
                    if (!best.TryGetValue(span, out var score) || score < mention.Score)
                    {
                        best[span] = mention.Score;
                    }
                }
            }

            predicted.Add([.. best.Select(b => (b.Key, b.Value))]);
        }

        return SpanEvaluation.Best(sentences, predicted).TokenF1;
    }
}

/// <summary>
/// Texts whose occupation is known (the matched resumes of held-out teacher records): Accuracy@1 of occupation suggestion
/// from the skills <c>suggestOccupations</c> weighed when the shipped heads were selected (decision 0026: <see cref="LineDiverseSkills"/>
/// over the extractor's first <see cref="LineDiverseSkills.Candidates"/>), scored by <see cref="OccupationScore"/> over the graph
/// snapshot (ties by URI). Suggestion now reads a text line by line (decision 0033); this measure is kept as it was, a test of
/// the extractor's whole-text ranking, until the heads are selected again. The titles a text names are left out: they say
/// nothing about the extractor.
/// </summary>
public sealed class SuggestionStyle(string name, IReadOnlyList<(string Text, string OccupationUri)> texts, SkillGraphPrior prior) : HeldOutStyle(name, "Acc@1")
{
    protected override IReadOnlyList<string> Texts { get; } = [.. texts.Select(t => t.Text)];

    public override double[] Score(SkillExtractor extractor, float alpha, IReadOnlyList<GraphReranking?> rerankings)
    {
        ArgumentNullException.ThrowIfNull(rerankings);
        const int Top = LineDiverseSkills.Candidates;
        var candidates = Candidates(extractor, alpha, Top);
        return [.. rerankings.Select(r => Accuracy(candidates, r, Top))];
    }

    double Accuracy(List<IReadOnlyList<SkillMention>> candidates, GraphReranking? reranking, int top)
    {
        var hits = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var skills = LineDiverseSkills.Pick(texts[i].Text, [.. Answer(candidates[i], reranking, top)])
                .Select(m =>
                {
                    var (essential, optional) = prior.Listing(m.Uri);
                    return new SkillListing(Math.Min(1.0, m.Score), essential, optional);
                })
                .ToList();
            if (skills.Count == 0)
            {
                continue;
            }

            var best = OccupationScore.Of(skills, prior.OccupationCount, prior.Size)
                .OrderByDescending(o => o.Score).ThenBy(o => o.Occupation).FirstOrDefault();
            hits += best.Occupation is { } first && string.Equals(first.Value, texts[i].OccupationUri, StringComparison.Ordinal) ? 1 : 0;
        }

        return texts.Count == 0 ? 0 : (double)hits / texts.Count;
    }
}
