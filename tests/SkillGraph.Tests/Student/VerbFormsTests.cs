using System.Collections.Frozen;
using SkillGraph.Student;
using SkillGraph.Student.Matching;

namespace SkillGraph.Tests.Student;

/// <summary><see cref="VerbForms"/>: a resume's past tense read in the form the skill labels use (decision 0041).</summary>
public sealed class VerbFormsTests
{
    private static readonly SkillCatalog Catalog = new(
    [
        new SkillEntry("s:1", "monitor patient's vital signs", []),
        new SkillEntry("s:2", "monitor stock levels", []),
        new SkillEntry("s:3", "lead a team", []),
        new SkillEntry("s:4", "lead inspections", []),
        new SkillEntry("s:5", "plan menus", []),
        new SkillEntry("s:6", "plan work", []),
        new SkillEntry("s:7", "model business processes", []),
        new SkillEntry("s:8", "model software", []),
        new SkillEntry("s:9", "administer medication ", []),
        new SkillEntry("s:10", "administer anaesthetics", []),
        new SkillEntry("s:11", "find trends", []),
        new SkillEntry("s:12", "find information", []),
        new SkillEntry("s:13", "found a company", []),
        new SkillEntry("s:14", "found a business", []),
        new SkillEntry("s:15", "Java (computer programming)", []),
        new SkillEntry("s:16", "teach mathematics", []),
    ]);

    [Fact]
    public void A_past_form_of_a_verb_the_labels_open_with_is_read_as_the_verb()
    {
        var forms = VerbForms.Of(Catalog);
        Assert.Equal("monitor", forms["Monitored"]);
        Assert.Equal("lead", forms["led"]);
        Assert.Equal("plan", forms["planned"]);
        Assert.Equal("model", forms["modelled"]);
        Assert.Equal("model", forms["modeled"]);
        Assert.Equal("administer", forms["administered"]);

        // a verb that opens one label only is no verb here ("teach", like "Java"); a form that is itself a verb ("found") is read as written
        Assert.False(forms.ContainsKey("taught"));
        Assert.False(forms.ContainsKey("found"));
        Assert.False(forms.ContainsKey("monitor"));
    }

    [Fact]
    public void The_encoder_reads_the_form_and_the_spans_keep_the_texts_characters()
    {
        var tokenizer = MiniLmEncoder.CreateTokenizer();
        const string text = "Monitored vital signs and administered IV medication.";
        var plain = new TextSegmenter(tokenizer).Segment(text);
        var read = new TextSegmenter(tokenizer, new SegmenterOptions { WordForms = VerbForms.Of(Catalog) }).Segment(text);
        var asBase = new TextSegmenter(tokenizer).Segment("Monitor vital signs and administer IV medication.");

        Assert.Equal(asBase.Chunks[0].TokenIds, read.Chunks[0].TokenIds);
        Assert.NotEqual(plain.Chunks[0].TokenIds, read.Chunks[0].TokenIds);
        Assert.Equal(plain.Spans.Select(s => s.Chars), read.Spans.Select(s => s.Chars));
        Assert.Contains(read.Spans, s => text[s.Chars.Start..s.Chars.End] == "Monitored vital signs");
    }
}
