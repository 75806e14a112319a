using SkillGraph.Student.Matching;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Student;

/// <summary>
/// corpus/llm-written (decision 0043), read as `skillgraph eval` reads it: each record an ESCO occupation's ad whose first line is
/// the occupation's preferred label (what the evaluation removes before it asks for occupations), a matched resume and a filtered
/// copy of it; the selection, held-out, training and second held-out files share no occupation.
/// </summary>
public sealed class LlmWrittenCorpusTests
{
    private static string Corpus(string file) => Path.Combine(TestPaths.RepositoryRoot, "corpus", "llm-written", file);

    [Fact]
    public void Every_record_is_an_esco_occupations_ad_titled_by_its_label_with_a_resume_and_a_filtered_copy_of_it()
    {
        var labels = EscoCsv.Rows("occupations_en.csv").ToDictionary(r => r["conceptUri"], r => r["preferredLabel"], StringComparer.Ordinal);
        var selection = MatchTriple.ReadJsonl(Corpus("selection.jsonl"));
        var heldOut = MatchTriple.ReadJsonl(Corpus("held-out.jsonl"));
        var train = MatchTriple.ReadJsonl(Corpus("train.jsonl"));
        var heldOut2 = MatchTriple.ReadJsonl(Corpus("held-out-2.jsonl"));

        Assert.Equal((288, 96, 384, 96), (selection.Count, heldOut.Count, train.Count, heldOut2.Count));
        foreach (var t in selection.Concat(heldOut).Concat(train).Concat(heldOut2))
        {
            Assert.True(labels.TryGetValue(t.OccupationUri, out var label), $"{t.Id}: {t.OccupationUri} is no ESCO occupation");
            Assert.Equal(label.Trim(), t.JobDescription.Split('\n')[0].Trim(), StringComparer.OrdinalIgnoreCase);
            Assert.NotEqual(t.ResumeMatched, t.ResumeUnmatched);
            Assert.True(t.ResumeUnmatched.Length < t.ResumeMatched.Length, $"{t.Id}: the filtered resume is no shorter");
        }

        Assert.Equal(864, selection.Concat(heldOut).Concat(train).Concat(heldOut2).Select(t => t.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(selection.Select(t => t.OccupationUri).Intersect(heldOut.Select(t => t.OccupationUri), StringComparer.Ordinal));
        Assert.Empty(train.Select(t => t.OccupationUri).Intersect(selection.Concat(heldOut).Select(t => t.OccupationUri), StringComparer.Ordinal));
        Assert.Empty(heldOut2.Select(t => t.OccupationUri).Intersect(selection.Concat(heldOut).Concat(train).Select(t => t.OccupationUri), StringComparer.Ordinal));
    }
}
