using GraphQL;
using GraphQL.Types;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Server.GraphQL.Authorization;
using SkillGraph.Server.GraphQL.Common;

namespace SkillGraph.Server.GraphQL.Walks;

/// <summary><c>matchResume(jobDescription, resume)</c>: sends <see cref="MatchResume"/> (the student matcher, ONNX, explained from the graph) and maps its answer.</summary>
public sealed class MatchQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ResumeMatchType>>("matchResume")
            .Description("How well a resume matches a job: a score, the job's ESCO skills the resume covers (exactly, or partly through a broader/narrower skill) and lacks, an explanation, and suggested resume lines for the missing skills (the student models, ONNX Runtime).")
            .Argument<NonNullGraphType<StringGraphType>>("jobDescription")
            .Argument<NonNullGraphType<StringGraphType>>("resume")
            .Sends(typeof(MatchResume))
            .ResolveAsync(async c => await WalkQueries.Send(c, new MatchResume(c.GetArgument<string>("jobDescription"), c.GetArgument<string>("resume"))).ConfigureAwait(false));
}

public sealed class ResumeMatchType : ObjectGraphType<ResumeMatch>
{
    private const string PerPhrase = "A phrase of the job read as several skills (\"an agile process\" as \"Agile development\" and as \"Agile project management\") is listed once here, with its other readings as alternatives: those the resume covers in coveredSkills, those it lacks in missingSkills.";

    public ResumeMatchType()
    {
        Name = "ResumeMatch";
        Field<NonNullGraphType<StringGraphType>>("model").Description("The matcher model version that answered.").Resolve(c => c.Source.Model);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("0–1; at or above the model's threshold is a match.").Resolve(c => Math.Round(c.Source.Score, 4));
        Field<NonNullGraphType<BooleanGraphType>>("matched").Resolve(c => c.Source.Matched);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResumeCoveredSkillType>>>>("coveredSkills").Description(PerPhrase).Resolve(c => c.Source.CoveredSkills);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResumeMissingSkillType>>>>("missingSkills").Description(PerPhrase + " Most important first.").Resolve(c => c.Source.MissingSkills);
        Field<NonNullGraphType<StringGraphType>>("explanation").Description("The match in words: the score against the threshold; how many of the job's phrases a resume line or phrase says, and the least supported; the years, when the job asks for them; the skills covered (and how) and missing, and the job line that asks for the most important missing one.").Resolve(c => c.Source.Explanation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("suggestedEdits").Description("The missing skills' suggestedEdit lines that are not null, in the order of missingSkills: a past-tense action verb, the skill in the job's own words (when the job says it as a verb phrase) or its ESCO label, [n] before a plural object, and square-bracket placeholders for what only the candidate knows (employer or project, result). Templates over the job's words and the graph: no tool, number or employer is invented.").Resolve(c => c.Source.SuggestedEdits);
    }
}

public sealed class ResumeCoveredSkillType : ObjectGraphType<CoveredSkill>
{
    public ResumeCoveredSkillType()
    {
        Name = "ResumeCoveredSkill";
        Field<NonNullGraphType<StringGraphType>>("uri").Resolve(c => c.Source.Uri);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<StringGraphType>>("how").Description("exact, broader (the resume shows a broader skill) or narrower (a more specific one).").Resolve(c => c.Source.How.ToString().ToLowerInvariant());
        Field<StringGraphType>("viaUri").Description("The broader/narrower skill the resume shows, when not exact.").Resolve(c => c.Source.ViaUri);
        Field<StringGraphType>("viaLabel").Resolve(c => c.Source.ViaLabel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("alternatives").Description("The job's other readings of the phrase that asks for this skill (\"Agile project management\" beside \"Agile development\") that the resume covers too; this one is the one it covers best.").Resolve(c => c.Source.Alternatives);
        Field<StringGraphType>("resumeLine").Description("The resume's line that supports the skill (the line holding the resume's mention of it, or of the broader/narrower skill), trimmed, at most about 200 characters (cut on a word with …); null when the mention has no span.").Resolve(c => c.Source.ResumeLine);
    }
}

public sealed class ResumeMissingSkillType : ObjectGraphType<ResumeMissingSkill>
{
    public ResumeMissingSkillType()
    {
        Name = "ResumeMissingSkill";
        Field<NonNullGraphType<StringGraphType>>("uri").Resolve(c => c.Source.Uri);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConceptRefType>>>>("alternatives").Description("The job's other readings of the phrase that asks for this skill (\"SQL Server\" beside \"SQL\"), none of which the resume shows either.").Resolve(c => c.Source.Alternatives);
        Field<StringGraphType>("jobLine").Description("The job's line that asks for the skill (the line holding the job's mention of it), trimmed, at most about 200 characters (cut on a word with …); null when the mention has no span.").Resolve(c => c.Source.JobLine);
        Field<StringGraphType>("suggestedEdit").Description("A resume line to paste for the skill (one of suggestedEdits); null when the job does not ground one: its words for the skill are no verb phrase and its line does not say every content word of the skill's label (the skill stays missing either way).").Resolve(c => c.Source.SuggestedEdit);
    }
}
