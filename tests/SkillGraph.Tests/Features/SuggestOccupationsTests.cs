using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Occupations.SuggestOccupations;
using SkillGraph.Domain;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Features;

/// <summary><c>SuggestOccupations</c> on the full ESCO graph, its ranking checked against the formula computed straight from the CSVs.</summary>
[Collection(EscoStoreCollection.Name)]
public sealed class SuggestOccupationsTests(EscoStoreFixture esco) : IDisposable
{
    private const string Developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string Chef = "http://data.europa.eu/esco/occupation/1009be17-7efd-45f1-a033-566bf179c588";
    private const string Java = "http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389";
    private readonly MediatorHost _host = new(esco.Store);
    private readonly EscoGraphCsv _csv = EscoGraphCsv.Instance;

    private static ConceptUri U(string uri) => ConceptUri.Parse(uri);

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 1.0)]
    public async Task The_ranking_equals_the_formula_computed_from_the_csv(double alpha, double beta)
    {
        // A fixed skill set: some of the developer's essential and optional skills and some of the chef's, with weights.
        var skills = EscoGraphCsv.Of(_csv.Essential, Developer).Order(StringComparer.Ordinal).Take(6)
            .Concat(EscoGraphCsv.Of(_csv.Optional, Developer).Order(StringComparer.Ordinal).Take(4))
            .Concat(EscoGraphCsv.Of(_csv.Essential, Chef).Order(StringComparer.Ordinal).Take(3))
            .Select((s, i) => (Uri: s, Weight: 1.0 - (0.05 * i)))
            .ToList();

        var n = (double)_csv.Occupations.Count;
        var tally = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0.0;
        foreach (var (skill, weight) in skills)
        {
            var essentialFor = EscoGraphCsv.Of(_csv.EssentialFor, skill);
            var optionalFor = EscoGraphCsv.Of(_csv.OptionalFor, skill).Where(o => !essentialFor.Contains(o)).ToList();
            var value = weight * Math.Log(1 + (n / (essentialFor.Count + optionalFor.Count)));
            total += value;
            foreach (var o in essentialFor)
            {
                tally[o] = tally.GetValueOrDefault(o) + value;
            }

            foreach (var o in alpha > 0 ? optionalFor : [])
            {
                tally[o] = tally.GetValueOrDefault(o) + (alpha * value);
            }
        }

        var expected = tally
            .Select(t => (Uri: t.Key, Score: t.Value / total / Math.Pow(Math.Max(1, EscoGraphCsv.Of(_csv.Essential, t.Key).Count + (alpha * EscoGraphCsv.Of(_csv.Optional, t.Key).Count)), beta)))
            .OrderByDescending(t => t.Score).ThenBy(t => _csv.Occupations[t.Uri], StringComparer.Ordinal).ThenBy(t => t.Uri, StringComparer.Ordinal)
            .Take(15)
            .ToList();

        var suggestions = await _host.Mediator.Send(new SuggestOccupations([.. skills.Select(s => new WeightedSkill(U(s.Uri), s.Weight))], 15, alpha, beta));
        Assert.Equal(expected.Select(e => e.Uri), suggestions.Select(s => s.Occupation.Uri.Value));
        Assert.Equal(expected.Select(e => Math.Round(e.Score, 6)), suggestions.Select(s => s.Score));
        foreach (var s in suggestions)
        {
            var essential = EscoGraphCsv.Of(_csv.Essential, s.Occupation.Uri.Value);
            var optional = EscoGraphCsv.Of(_csv.Optional, s.Occupation.Uri.Value);
            Assert.Equal(skills.Select(k => k.Uri).Where(essential.Contains).Order(StringComparer.Ordinal), s.MatchedEssential.Select(m => m.Uri.Value).Order(StringComparer.Ordinal));
            Assert.Equal(skills.Select(k => k.Uri).Where(k => optional.Contains(k) && !essential.Contains(k)).Order(StringComparer.Ordinal), s.MatchedOptional.Select(m => m.Uri.Value).Order(StringComparer.Ordinal));
            Assert.Equal((essential.Count, optional.Count), (s.EssentialSkills, s.OptionalSkills));
        }

        Assert.StartsWith($"matches {suggestions[0].MatchedEssential.Count} of its {suggestions[0].EssentialSkills} essential skills", suggestions[0].Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skills_read_at_places_count_once_a_place_for_each_occupation_as_the_formula_computed_from_the_csv_says()
    {
        // The same kind of skill set, read at four places (skill i at place i mod 4, so each place mixes the developer's and the chef's):
        // score(o) = Σ_places max_{s ∈ place} w_s · idf_s · r_{o,s} / Σ_places max_{s ∈ place} w_s · idf_s / (E_o + α · O_o)^β.
        const double alpha = 0.8, beta = 0.2;
        var skills = EscoGraphCsv.Of(_csv.Essential, Developer).Order(StringComparer.Ordinal).Take(6)
            .Concat(EscoGraphCsv.Of(_csv.Optional, Developer).Order(StringComparer.Ordinal).Take(4))
            .Concat(EscoGraphCsv.Of(_csv.Essential, Chef).Order(StringComparer.Ordinal).Take(3))
            .Select((s, i) => (Uri: s, Weight: 1.0 - (0.05 * i), Place: i % 4))
            .ToList();

        var n = (double)_csv.Occupations.Count;
        var best = new Dictionary<(string Occupation, int Place), (double Value, string Skill)>();
        var placeTotals = new double[4];
        foreach (var (skill, weight, place) in skills)
        {
            var essentialFor = EscoGraphCsv.Of(_csv.EssentialFor, skill);
            var optionalFor = EscoGraphCsv.Of(_csv.OptionalFor, skill).Where(o => !essentialFor.Contains(o)).ToList();
            var value = weight * Math.Log(1 + (n / (essentialFor.Count + optionalFor.Count)));
            placeTotals[place] = Math.Max(placeTotals[place], value);
            foreach (var (o, r) in essentialFor.Select(o => (o, 1.0)).Concat(optionalFor.Select(o => (o, alpha))))
            {
                if (!best.TryGetValue((o, place), out var held) || value * r > held.Value)
                {
                    best[(o, place)] = (value * r, skill);
                }
            }
        }

        var expected = best.GroupBy(b => b.Key.Occupation, b => b.Value.Value)
            .Select(g => (Uri: g.Key, Score: g.Sum() / placeTotals.Sum() / Math.Pow(Math.Max(1, EscoGraphCsv.Of(_csv.Essential, g.Key).Count + (alpha * EscoGraphCsv.Of(_csv.Optional, g.Key).Count)), beta)))
            .OrderByDescending(t => t.Score).ThenBy(t => _csv.Occupations[t.Uri], StringComparer.Ordinal).ThenBy(t => t.Uri, StringComparer.Ordinal)
            .Take(15)
            .ToList();

        var suggestions = await _host.Mediator.Send(new SuggestOccupations([.. skills.Select(s => new WeightedSkill(U(s.Uri), s.Weight) { Place = s.Place })], 15, alpha, beta));
        Assert.Equal(expected.Select(e => e.Uri), suggestions.Select(s => s.Occupation.Uri.Value));
        Assert.Equal(expected.Select(e => Math.Round(e.Score, 6)), suggestions.Select(s => s.Score));

        // The matched skills are those that counted: each place's best for the occupation.
        foreach (var s in suggestions)
        {
            var counted = best.Where(b => b.Key.Occupation == s.Occupation.Uri.Value).Select(b => b.Value.Skill).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(counted, s.MatchedEssential.Concat(s.MatchedOptional).Select(m => m.Uri.Value).Order(StringComparer.Ordinal));
        }

        // The developer lists skills at every place, but counts four of them, not ten.
        var developer = suggestions.Single(s => s.Occupation.Uri.Value == Developer);
        Assert.Equal(4, developer.MatchedEssential.Count + developer.MatchedOptional.Count);

        var badPlace = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new SuggestOccupations([new WeightedSkill(U(Java)) { Place = -1 }])));
        Assert.Equal($"SuggestOccupations: skills[0] ({Java}): place must be 0 or more (got -1)", badPlace.Message);
    }

    [Fact]
    public async Task The_developers_own_essential_skills_put_the_developer_first()
    {
        var skills = EscoGraphCsv.Of(_csv.Essential, Developer).Select(s => new WeightedSkill(U(s))).ToList();
        var suggestions = await _host.Mediator.Send(new SuggestOccupations(skills, 3));
        Assert.Equal(Developer, suggestions[0].Occupation.Uri.Value);
        Assert.Equal(skills.Count, suggestions[0].MatchedEssential.Count);
        Assert.Contains($"matches {skills.Count} of its {skills.Count} essential skills: ", suggestions[0].Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_get_one_clear_error_naming_the_field()
    {
        var empty = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new SuggestOccupations([])));
        Assert.Equal("SuggestOccupations: skills: give at least one skill", empty.Message);

        var ranges = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new SuggestOccupations([new WeightedSkill(U(Java), 0)], First: 0)));
        Assert.Equal($"SuggestOccupations: skills[0] ({Java}): weight must be in (0, 1] (got 0); first must be between 1 and 100 (got 0)", ranges.Message);

        var notASkill = await Assert.ThrowsAsync<ConceptNotFoundException>(async () => await _host.Mediator.Send(new SuggestOccupations([new WeightedSkill(U(Java)), new WeightedSkill(U(Developer))])));
        Assert.Equal($"skills[1]: {Developer} names the occupation 'software developer', not a skill", notASkill.Message);

        var unknown = await Assert.ThrowsAsync<ConceptNotFoundException>(async () => await _host.Mediator.Send(new SuggestOccupations([new WeightedSkill(U("http://example.org/nope"))])));
        Assert.Equal("skills[0]: no skill has the URI http://example.org/nope", unknown.Message);
    }

    public void Dispose() => _host.Dispose();
}
