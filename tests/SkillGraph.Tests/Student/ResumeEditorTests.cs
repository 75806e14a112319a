using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Student.Matching;

namespace SkillGraph.Tests.Student;

/// <summary>
/// The Editor's phrase rules and the Explainer's line lookup, without a model: past tense, "[n]" before a plural object, the job's
/// own verb phrase over ESCO's label, knowledge skills as subjects, and the line that holds a mention's span.
/// </summary>
public sealed class ResumeEditorTests
{
    // A graph of a few skills: the verbs are the words that start two or more skill labels.
    private static readonly SkillFacts Facts = new(
        [
            ("s:mentor1", "mentor individuals", null, false), ("s:mentor2", "mentor staff", null, false),
            ("s:use1", "use databases", null, false), ("s:use2", "use tools", null, false),
            ("s:write1", "write code", null, false), ("s:write2", "write reports", null, false),
            ("s:build1", "build teams", null, false), ("s:build2", "build networks", null, false),
            ("s:design1", "design systems", null, false), ("s:design2", "design databases", null, false),
            ("s:develop1", "develop software", null, false), ("s:develop2", "develop apps", null, false),
            ("s:carry1", "carry out recruiting services", null, false), ("s:carry2", "carry out inspections", null, false),
            ("s:safe1", "safely operate forklifts", null, false), ("s:safe2", "safely store chemicals", null, false),
            ("s:operate1", "operate machines", null, false), ("s:operate2", "operate forklifts", null, false),
            ("s:drive1", "drive vehicles", null, false), ("s:drive2", "drive trucks", null, false),
            ("s:correspond", "correspond with licence applicants", null, false),
            ("s:clean1", "clean warehouse", null, false), ("s:clean2", "clean rooms", null, false),
            ("s:secure1", "secure goods", null, false), ("s:secure2", "secure areas", null, false),
            ("s:optimise1", "optimise processes", null, false), ("s:optimise2", "optimise resources", null, false),
            ("s:drive3", "drive growth", null, false),
            ("k:java", "Java (computer programming)", "A programming language.", true),
            ("k:design", "design principles", null, true),
            ("k:teamwork", "teamwork principles", null, true),
            ("k:agile", "agile project management", null, true),
            ("k:cost", "cost management", null, true),
            ("k:welding", "welding equipment", null, true),
            ("k:postgres", "PostgreSQL", null, true),
            ("k:nutrition", "animal nutrition", null, true),
            ("k:earth", "Earth science", null, true),
            ("k:assembly", "Assembly (computer programming)", null, true),
        ],
        []);

    private static string Suggest(string label, string? jobWords = null) =>
        ResumeEditor.Suggest(label, Facts.IsKnowledge(Ids[label]), jobWords, Facts);

    private static readonly Dictionary<string, string> Ids = new()
    {
        ["mentor individuals"] = "s:mentor1",
        ["use databases"] = "s:use1",
        ["write code"] = "s:write1",
        ["design systems"] = "s:design1",
        ["develop software"] = "s:develop1",
        ["carry out recruiting services"] = "s:carry1",
        ["safely operate forklifts"] = "s:safe1",
        ["drive vehicles"] = "s:drive1",
        ["correspond with licence applicants"] = "s:correspond",
        ["Java (computer programming)"] = "k:java",
        ["teamwork principles"] = "k:teamwork",
        ["agile project management"] = "k:agile",
        ["cost management"] = "k:cost",
        ["welding equipment"] = "k:welding",
        ["PostgreSQL"] = "k:postgres",
        ["animal nutrition"] = "k:nutrition",
        ["Earth science"] = "k:earth",
        ["secure goods"] = "s:secure1",
    };

    [Theory]
    [InlineData("build", "built")]
    [InlineData("write", "wrote")]
    [InlineData("lead", "led")]
    [InlineData("teach", "taught")]
    [InlineData("undertake", "undertook")]
    [InlineData("manage", "managed")]
    [InlineData("use", "used")]
    [InlineData("apply", "applied")]
    [InlineData("deploy", "deployed")]
    [InlineData("plan", "planned")]
    [InlineData("ship", "shipped")]
    [InlineData("develop", "developed")]
    [InlineData("edit", "edited")]
    [InlineData("commit", "committed")]
    [InlineData("debug", "debugged")]
    [InlineData("label", "labelled")]
    [InlineData("fix", "fixed")]
    [InlineData("show", "showed")]
    [InlineData("Mentor", "mentored")]
    public void The_past_tense_follows_the_irregular_table_then_the_regular_rules(string verb, string past) =>
        Assert.Equal(past, PastTense.Of(verb));

    [Fact]
    public void The_jobs_own_verb_phrase_becomes_a_past_tense_line_with_a_count_before_its_plural_object()
    {
        Assert.Equal("Mentored [n] junior developers at [employer or project], [result].", Suggest("mentor individuals", "mentor junior developers"));
        // A verb that heads no knowledge label is a verb whatever skill the job's phrase was found for.
        Assert.Equal("Wrote [n] automated tests at [employer or project], [result].", Suggest("develop software", "write automated tests"));
        // Both verbs of a pair in the past; the job's casing kept.
        Assert.Equal("Designed and built [n] scalable microservices at [employer or project], [result].", Suggest("design systems", "design and build scalable microservices"));
        Assert.Equal("Maintained [n] PostgreSQL databases at [employer or project], [result].", ResumeEditor.Suggest("use databases", false, "maintain PostgreSQL databases", _ => false, w => w == "maintain"));
    }

    [Fact]
    public void No_count_goes_before_a_singular_a_numbered_or_a_proper_noun_object()
    {
        Assert.Equal("Wrote code at [employer or project], [result].", Suggest("write code"));
        Assert.Equal("Mentored three junior developers at [employer or project], [result].", Suggest("mentor individuals", "mentor three junior developers"));
        Assert.Equal("Mentored 3 developers at [employer or project], [result].", Suggest("mentor individuals", "mentor 3 developers"));
        Assert.Equal("Used Kubernetes at [employer or project], [result].", Suggest("use databases", "use Kubernetes"));
        Assert.False(ResumeEditor.IsPlural("analysis"));
        Assert.False(ResumeEditor.IsPlural("business"));
        Assert.False(ResumeEditor.IsPlural("statistics"));
        Assert.True(ResumeEditor.IsPlural("developers"));
    }

    [Fact]
    public void A_noun_phrase_in_the_job_or_a_verb_that_also_heads_a_knowledge_label_leaves_the_line_to_the_esco_label()
    {
        // "design" heads "design principles": "design patterns" may be a noun phrase, so the label's own verb is used.
        Assert.Equal("Developed software at [employer or project], [result].", Suggest("develop software", "design patterns"));
        // A gerund is not taken for a verb: "driving licence" is a noun.
        Assert.Equal("Drove [n] vehicles at [employer or project], [result].", Suggest("drive vehicles", "driving licence"));
        Assert.Equal("Mentored [n] individuals at [employer or project], [result].", Suggest("mentor individuals", "mentor"));
    }

    [Fact]
    public void Esco_labels_read_as_imperatives_keep_particles_and_move_a_leading_adverb()
    {
        Assert.Equal("Carried out recruiting services at [employer or project], [result].", Suggest("carry out recruiting services"));
        Assert.Equal("Operated [n] forklifts safely at [employer or project], [result].", Suggest("safely operate forklifts"));
        // "correspond" starts one label only, but a skill's label of two words or more is an imperative.
        Assert.Equal("Corresponded with licence applicants at [employer or project], [result].", Suggest("correspond with licence applicants"));
    }

    [Fact]
    public void A_knowledge_skill_is_a_subject_without_its_parenthetical()
    {
        Assert.Equal("Used Java to [what you built or did] at [employer or project].", Suggest("Java (computer programming)", "Java"));
        Assert.Equal("Applied teamwork principles to [what you built or did] at [employer or project].", Suggest("teamwork principles"));
        Assert.True(Facts.IsActionVerb("mentor"));
        Assert.False(Facts.IsActionVerb("safely"));
        Assert.False(Facts.IsOnlyActionVerb("design"));
    }

    [Fact]
    public void A_way_of_working_is_applied_a_tool_or_a_name_used_and_a_field_is_knowledge_applied()
    {
        // A way of working (the label's last word: management, principles, techniques, …) is applied, not "used".
        Assert.Equal("Applied agile project management to [what you built or did] at [employer or project].", Suggest("agile project management", "agile ceremonies"));
        Assert.Equal("Applied cost management to [what you built or did] at [employer or project].", Suggest("cost management"));
        // A tool, or a product's name (a capital after a word's first letter, or one capitalised word), is used.
        Assert.Equal("Used welding equipment to [what you built or did] at [employer or project].", Suggest("welding equipment"));
        Assert.Equal("Used PostgreSQL to [what you built or did] at [employer or project].", Suggest("PostgreSQL"));
        // A field is knowledge one applies: never "Used animal nutrition to …"; a capital first letter alone is no name.
        Assert.Equal("Applied knowledge of animal nutrition to [what you built or did] at [employer or project].", Suggest("animal nutrition"));
        Assert.Equal("Applied knowledge of Earth science to [what you built or did] at [employer or project].", Suggest("Earth science"));
    }

    [Fact]
    public void No_count_goes_before_a_plural_that_counts_nothing_or_names_a_way_of_working()
    {
        Assert.Equal("Secured goods at [employer or project], [result].", Suggest("secure goods"));
        Assert.Equal("Loaded and secured goods at [employer or project], [result].", ResumeEditor.Suggest("secure goods", false, "load and secure goods", w => w is "load" or "secure", w => w is "load" or "secure"));
        Assert.Equal("Used cooking techniques at [employer or project], [result].", Suggest("use databases", "use cooking techniques"));
        Assert.Equal("Applied numeracy skills at [employer or project], [result].", ResumeEditor.Suggest("apply numeracy skills", false, null, w => w == "apply", w => w == "apply"));
        Assert.Equal("Secured [n] loads at [employer or project], [result].", Suggest("secure goods", "secure loads"));
    }

    [Fact]
    public void A_verb_the_job_spells_with_ize_is_the_verb_esco_spells_with_ise()
    {
        Assert.True(Facts.IsOnlyActionVerb("optimize"));
        Assert.False(Facts.IsActionVerb("size"));
        Assert.Equal("Optimized revenue generation at [employer or project], [result].", Suggest("develop software", "optimize revenue generation"));
        Assert.Equal("Drove sales growth and optimized revenue generation at [employer or project], [result].", Suggest("develop software", "drive sales growth and optimize revenue generation"));
    }

    [Theory]
    [InlineData("clean warehouse", "Write SQL to extract data from the warehouse.", false)]
    [InlineData("correspond with licence applicants", "A driving licence is needed.", false)]
    [InlineData("prepare financial statements", "You will prepare monthly management accounts and year-end financial statements.", true)]
    [InlineData("Java (computer programming)", "Build scalable microservices in Java and Spring Boot.", true)]
    // One word the start of the other, five letters at least: a family ("recruit", "recruitment"); "plan" and "planet" are not.
    [InlineData("recruit staff", "Recruitment of staff for our stores.", true)]
    [InlineData("plan routes", "Routes to every planet.", false)]
    // A name is said as it is written: "machinery assembly" is not the language Assembly.
    [InlineData("Assembly (computer programming)", "Machinery assembly supervisor.", false)]
    [InlineData("SQL Server", "Design and write Java and SQL code.", false)]
    [InlineData("PostgreSQL", "Maintain PostgreSQL databases.", true)]
    [InlineData("clean warehouse", null, false)]
    public void A_label_is_grounded_when_the_job_line_says_each_of_its_words(string label, string? jobLine, bool grounded) =>
        Assert.Equal(grounded, ResumeEditor.IsGrounded(label, jobLine));

    [Fact]
    public void Two_skills_found_in_one_phrase_of_the_job_get_two_lines_the_second_from_its_label()
    {
        const string line = "You will mentor junior developers and write code in agile project management.";
        var lines = ResumeEditor.SuggestEach(
            [("mentor individuals", false, "mentor junior developers", line), ("agile project management", true, "mentor junior developers", line), ("write code", false, null, line)],
            Facts);

        Assert.Equal(
            ["Mentored [n] junior developers at [employer or project], [result].", "Applied agile project management to [what you built or did] at [employer or project].", "Wrote code at [employer or project], [result]."],
            lines);
    }

    [Fact]
    public void A_line_from_a_label_the_job_line_does_not_say_is_withheld_and_no_line_comes_twice()
    {
        const string line = "Build predictive models, write SQL to extract data from the warehouse.";
        var lines = ResumeEditor.SuggestEach(
            [
                // the job's own verb phrase: its words are the job's, whatever the label says
                ("develop software", false, "write SQL to extract data", line),
                // found in "warehouse" alone: the label's line would say "Cleaned warehouse", which the job never asks
                ("clean warehouse", false, "warehouse", line),
                // no line to look in
                ("mentor individuals", false, null, null),
                // a label the line says, twice: the second line would be the first again
                ("write code", false, null, "Write code and review it."),
                ("write code", false, "write code", "Write code and review it."),
            ],
            Facts);

        Assert.Equal(["Wrote SQL to extract data at [employer or project], [result].", null, null, "Wrote code at [employer or project], [result].", null], lines);
    }

    [Fact]
    public void The_line_of_a_mention_is_the_line_holding_its_span_and_its_words_the_phrase_around_it()
    {
        const string text = "Senior Backend Engineer.\nYou will mentor junior developers, take part in code reviews.";
        var lines = TextEvidence.Lines(text, 80);
        var mentor = text.IndexOf("mentor", StringComparison.Ordinal);
        var skills = TextSkills.Empty with
        {
            Lines = [.. lines.Select(l => l.Text)],
            LineStarts = [.. lines.Select(l => l.Start)],
            PhraseExtents = [new TextSpan(mentor, mentor + "mentor junior developers".Length)],
        };
        var mention = new SkillMention("s:mentor1", "mentor individuals", 0.7f, [new TextSpan(mentor, mentor + 6)]);

        Assert.Equal("You will mentor junior developers, take part in code reviews.", MentionLines.Line(skills, mention));
        Assert.Equal("mentor junior developers", MentionLines.Words(skills, mention));
        Assert.Null(MentionLines.Line(skills, mention with { Spans = [] }));
        Assert.Null(MentionLines.Line(skills, null));
    }

    [Theory]
    // Cut one word after a link word, mid-sentence: the dangling word and its link go.
    [InlineData("Own the budget, lead a team of three marketers and external agencies.", "lead a team of three marketers and external", "lead a team of three marketers")]
    [InlineData("Demonstrate a flexible and resilient approach in response to dynamic environments.", "Demonstrate a flexible and resilient approach in response", "Demonstrate a flexible and resilient approach")]
    // Finished phrases stay: at a comma or the line's end, or more than one word after the link.
    [InlineData("You will lead a team of three marketers and agencies, and report.", "lead a team of three marketers and agencies", "lead a team of three marketers and agencies")]
    [InlineData("Write SQL to extract data from the warehouse.", "Write SQL to extract data", "Write SQL to extract data")]
    [InlineData("Mentor junior developers in Java", "Mentor junior developers in Java", "Mentor junior developers in Java")]
    public void A_phrase_cut_mid_sentence_one_word_after_a_link_word_leaves_that_word_out(string line, string phrase, string words)
    {
        var from = line.IndexOf(phrase, StringComparison.Ordinal);
        Assert.Equal(words, MentionLines.Finished(line, from, from + phrase.Length));
    }

    [Fact]
    public void A_long_line_is_cut_on_words_around_the_mention_to_about_two_hundred_characters()
    {
        var line = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));
        var at = line.IndexOf("word50", StringComparison.Ordinal);
        var excerpt = MentionLines.Excerpt(line, at, at + 6);

        Assert.InRange(excerpt.Length, 100, MentionLines.MaxLength + 2);
        Assert.StartsWith("…word", excerpt, StringComparison.Ordinal);
        Assert.Contains("word50", excerpt, StringComparison.Ordinal);
        Assert.Contains(excerpt.Trim('…'), line, StringComparison.Ordinal);
        Assert.Matches(@"word\d+…$", MentionLines.Excerpt(line, 0, 5));
        Assert.Equal("short line", MentionLines.Excerpt("short line", 0, 5));
    }
}
