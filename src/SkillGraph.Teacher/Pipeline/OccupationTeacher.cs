using System.Text.Json;
using Mediator;
using Microsoft.SemanticKernel;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Application.Features.Occupations.GetOccupationContext;
using SkillGraph.Domain;
using SkillGraph.Teacher.Chat;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Pipeline;

/// <summary>What the teacher made of one occupation: a record with its sentences, or a rejection.</summary>
internal sealed record OccupationOutcome(string Id, string OccupationUri, TeacherRecord? Record, IReadOnlyList<SentenceRecord> Sentences, IReadOnlyList<RejectionRecord> Rejections);

/// <summary>An answer that passed validation, with the hash of the prompt that got it.</summary>
internal sealed record Accepted<T>(T Answer, string PromptHash);

/// <summary>
/// The recipe for one occupation (Pezeshkpour et al. 2023, resumes as in RJDB): its graph context through the
/// context handler, a job description, then a matched resume and an unmatched one that is the matched one with a
/// random subset of its information filtered out (1–3 of the job's essential skills, sometimes one experience entry,
/// sometimes years; <see cref="ResumeFilter"/>), then labelled job-ad sentences. Each answer is checked against the graph context; one that fails is
/// asked again with the errors appended, and after the last try the occupation is rejected.
/// </summary>
internal sealed class OccupationTeacher(IMediator mediator, TeacherKernel teacher, int seed, int maxNodes, int maxAttempts, int sentenceCount, DateTimeOffset createdAt)
{
    /// <summary>Prompt versions in the record id: a new prompt version makes new records.</summary>
    private static readonly string PromptVersions = string.Join(",", PromptLibrary.All.Select(p => p.Name).Order(StringComparer.Ordinal));

    public static string RecordId(int seed, ConceptUri occupation) =>
        "t-" + TeacherHashes.Sha256($"{seed}|{occupation.Value}|{PromptVersions}")[..20];

    public async Task<TeachingContext> ContextAsync(ConceptUri occupation, CancellationToken cancellationToken)
    {
        var context = await mediator.Send(new GetOccupationContext(occupation, maxNodes, 0, seed), cancellationToken).ConfigureAwait(false);
        return Map(context, maxNodes);
    }

    public async Task<OccupationOutcome> TeachAsync(ConceptUri occupation, CancellationToken cancellationToken)
    {
        var id = RecordId(seed, occupation);
        var context = await ContextAsync(occupation, cancellationToken).ConfigureAwait(false);
        var bySkill = context.Skills.ToDictionary(s => s.Uri, StringComparer.Ordinal);
        OccupationOutcome Reject(string task, string reason, IReadOnlyList<string> errors) =>
            new(id, occupation.Value, null, [], [new RejectionRecord(id, occupation.Value, task, reason, errors)]);

        var baseInput = new TeachingInput { Task = TeachingTasks.JobDescription, Seed = seed, Occupation = context.Occupation, Skills = context.Skills };

        // The filter is drawn first: the job ad asks for the years it draws (the resumes are written against them).
        var filter = ResumeFilter.Draw(new Random(OfflineWriter.StableSeed(seed, occupation.Value, "filter")));
        var jobInput = baseInput with { RequiredYears = filter.RequiredYears };
        var (job, jobErrors) = await AskAsync<JobDescriptionAnswer>(PromptLibrary.JobDescription, jobInput, a => ValidateJob(a, bySkill, filter.RequiredYears), cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return Reject(TeachingTasks.JobDescription, "job description failed validation", jobErrors);
        }

        var required = Resolve(job.Answer.Skills!, bySkill);
        var random = new Random(OfflineWriter.StableSeed(seed, occupation.Value, "removal"));
        var removable = required.Where(u => bySkill[u].Relation == "essential" && !LeaksInto(bySkill[u], context.Occupation.Label)).ToList();
        if (removable.Count < 2)
        {
            return Reject(TeachingTasks.Resumes, "too few essential skills to remove", [$"the job description asks for {removable.Count} removable essential skills; the recipe removes 1-3 and keeps at least one"]);
        }

        var removeCount = Math.Min(1 + random.Next(3), removable.Count - 1);
        var removed = removable.OrderBy(_ => random.Next()).Take(removeCount).OrderBy(u => required.IndexOf(u)).ToList();
        var resumeInput = baseInput with
        {
            Task = TeachingTasks.Resumes,
            JobDescription = job.Answer.JobDescription,
            RequiredSkills = required,
            RemovedSkills = removed,
            MatchedYears = filter.MatchedYears,
            UnmatchedYears = filter.UnmatchedYears,
            RemoveExperience = filter.RemoveExperience,
        };
        var (resumes, resumeErrors) = await AskAsync<ResumesAnswer>(PromptLibrary.Resumes, resumeInput, a => ValidateResumes(a, bySkill, removed, filter), cancellationToken).ConfigureAwait(false);
        if (resumes is null)
        {
            return Reject(TeachingTasks.Resumes, "resumes failed validation", resumeErrors);
        }

        var sentences = new List<SentenceRecord>();
        var rejections = new List<RejectionRecord>();
        var promptHashes = new List<string> { job.PromptHash, resumes.PromptHash };
        if (sentenceCount > 0)
        {
            var (answer, sentenceErrors) = await AskAsync<SentencesAnswer>(PromptLibrary.Sentences, baseInput with { Task = TeachingTasks.Sentences, Count = sentenceCount }, a => ValidateSentences(a, bySkill), cancellationToken).ConfigureAwait(false);
            if (answer is null)
            {
                rejections.Add(new RejectionRecord(id, occupation.Value, TeachingTasks.Sentences, "sentences failed validation", sentenceErrors));
            }
            else
            {
                promptHashes.Add(answer.PromptHash);
                var n = 0;
                foreach (var sentence in answer.Answer.Sentences!)
                {
                    sentences.Add(new SentenceRecord($"{id}-s{n++:00}", sentence.Text!.Trim(), Resolve(sentence.Skills!, bySkill)));
                }
            }
        }

        var record = new TeacherRecord(
            id,
            occupation.Value,
            context,
            job.Answer.JobDescription!.Trim(),
            resumes.Answer.ResumeMatched!.Trim(),
            resumes.Answer.ResumeUnmatched!.Trim(),
            required,
            removed,
            [.. (resumes.Answer.RemovedExperiences ?? []).Select(e => e.Trim())],
            resumes.Answer.MatchedYears,
            resumes.Answer.UnmatchedYears,
            new TeacherProvenance(teacher.Provider.ProviderName, teacher.Provider.ModelName, "sha256:" + TeacherHashes.Sha256(string.Join("\n", promptHashes))),
            createdAt);
        return new OccupationOutcome(id, occupation.Value, record, sentences, rejections);
    }

    /// <summary>Renders the prompt through SK and calls the chat service until the answer validates or the tries are used up.</summary>
    internal async Task<(Accepted<T>? Answer, IReadOnlyList<string> Errors)> AskAsync<T>(TeacherPrompt prompt, TeachingInput input, Func<T, List<string>> validate, CancellationToken cancellationToken)
        where T : class
    {
        var feedback = string.Empty;
        var errors = new List<string>();
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var arguments = new KernelArguments(teacher.Settings(seed))
            {
                ["input"] = TeacherJson.Line(input),
                ["feedback"] = feedback,
            };
            var result = await teacher.Kernel.InvokeAsync(prompt.Function, arguments, cancellationToken).ConfigureAwait(false);
            var message = result.GetValue<ChatMessageContent>();
            var content = message?.Content ?? result.ToString();
            var promptHash = message?.Metadata?.TryGetValue(CachingChatService.PromptHashKey, out var hash) == true ? hash as string ?? string.Empty : string.Empty;
            T? answer = null;
            try
            {
                answer = JsonSerializer.Deserialize<T>(TeachingPromptText.ExtractJson(content), TeacherJson.Options);
                errors = answer is null ? ["the answer is not a JSON object"] : validate(answer);
            }
            catch (JsonException ex)
            {
                errors = [$"the answer is not valid JSON: {ex.Message}"];
            }

            if (errors.Count == 0)
            {
                return (new Accepted<T>(answer!, promptHash), []);
            }

            feedback = $"YOUR PREVIOUS ANSWER (try {attempt}) WAS REJECTED:\n- {string.Join("\n- ", errors)}\nYour previous answer was:\n{content}\nAnswer again with the complete, corrected JSON object.";
        }

        return (null, errors);
    }

    internal static List<string> ValidateJob(JobDescriptionAnswer answer, Dictionary<string, ContextSkillEntry> context, int? requiredYears = null)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(answer.JobDescription) || answer.JobDescription.Trim().Length < 80)
        {
            errors.Add("\"jobDescription\" must be a text of at least 80 characters");
        }
        else if (requiredYears is { } years && !StatesYears(answer.JobDescription, years))
        {
            errors.Add($"\"jobDescription\" must ask for at least {years} years of experience, written as the number {years} (INPUT.requiredYears)");
        }

        errors.AddRange(CheckSkills("skills", answer.Skills, context, min: 2));
        return errors;
    }

    /// <summary>Whether <paramref name="text"/> states <paramref name="years"/> years ("4 years", "4+ years", "4 yrs").</summary>
    internal static bool StatesYears(string text, int years) =>
        System.Text.RegularExpressions.Regex.IsMatch(
            text,
            $@"(?<![\d.]){years}\+?\s*(?:years?|yrs?)\b",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

    internal static List<string> ValidateResumes(ResumesAnswer answer, Dictionary<string, ContextSkillEntry> context, IReadOnlyList<string> removed, ResumeFilter filter)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(answer.ResumeMatched) || answer.ResumeMatched.Trim().Length < 80)
        {
            errors.Add("\"resumeMatched\" must be a text of at least 80 characters");
        }

        if (string.IsNullOrWhiteSpace(answer.ResumeUnmatched) || answer.ResumeUnmatched.Trim().Length < 60)
        {
            errors.Add("\"resumeUnmatched\" must be a text of at least 60 characters");
        }

        errors.AddRange(CheckSkills("matchedSkills", answer.MatchedSkills, context, min: 1));
        errors.AddRange(CheckSkills("unmatchedSkills", answer.UnmatchedSkills, context, min: 0));
        if (errors.Count > 0)
        {
            return errors;
        }

        var matchedText = answer.ResumeMatched!.Trim();
        var unmatchedText = answer.ResumeUnmatched!.Trim();
        if (LabelLeak.Fold(matchedText) == LabelLeak.Fold(unmatchedText))
        {
            errors.Add("the unmatched resume must differ from the matched one (leave out the removed skills)");
        }

        var matched = Resolve(answer.MatchedSkills!, context);
        var unmatched = Resolve(answer.UnmatchedSkills!, context);
        foreach (var uri in removed)
        {
            if (!matched.Contains(uri))
            {
                errors.Add($"the matched resume must show the removed skill {uri} ({context[uri].Label})");
            }

            if (unmatched.Contains(uri))
            {
                errors.Add($"the unmatched resume must not show the removed skill {uri} ({context[uri].Label})");
            }

            foreach (var label in LabelLeak.Find(unmatchedText, context[uri].AltLabels.Prepend(context[uri].Label)))
            {
                errors.Add($"the unmatched resume names the removed skill {uri} as '{label}'");
            }
        }

        // The pipeline, not the model, decides the years: the same (kept) in about half the records, so years alone
        // cannot tell the resumes apart, and none at all when the matched resume states none.
        if (answer.MatchedYears != filter.MatchedYears || answer.UnmatchedYears != filter.UnmatchedYears)
        {
            errors.Add($"\"matchedYears\" and \"unmatchedYears\" must be {Show(filter.MatchedYears)} and {Show(filter.UnmatchedYears)} as in INPUT (got {Show(answer.MatchedYears)} and {Show(answer.UnmatchedYears)})");
        }

        var removedLines = answer.RemovedExperiences ?? [];
        if (filter.RemoveExperience && removedLines.Count != 1)
        {
            errors.Add($"\"removedExperiences\" must hold the one experience entry left out of the unmatched resume (got {removedLines.Count})");
        }
        else if (!filter.RemoveExperience && removedLines.Count > 0)
        {
            errors.Add("\"removedExperiences\" must be empty: keep every experience entry (\"removeExperience\" is false)");
        }

        foreach (var line in removedLines)
        {
            var text = line?.Trim() ?? string.Empty;
            if (text.Length == 0 || !matchedText.Contains(text, StringComparison.Ordinal))
            {
                errors.Add($"the removed experience '{text}' must be a line of the matched resume, copied exactly");
            }
            else if (unmatchedText.Contains(text, StringComparison.Ordinal))
            {
                errors.Add($"the removed experience '{text}' is still in the unmatched resume");
            }
        }

        return errors;

        static string Show(int? years) => years?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
    }

    internal static List<string> ValidateSentences(SentencesAnswer answer, Dictionary<string, ContextSkillEntry> context)
    {
        var errors = new List<string>();
        if (answer.Sentences is not { Count: > 0 } sentences)
        {
            return ["\"sentences\" must hold at least one sentence"];
        }

        for (var i = 0; i < sentences.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(sentences[i].Text))
            {
                errors.Add($"sentence {i + 1} has no text");
            }

            errors.AddRange(CheckSkills($"sentences[{i}].skills", sentences[i].Skills, context, min: 1));
        }

        return errors;
    }

    /// <summary>Every name must be a context skill's URI (or, leniently, its exact preferred label).</summary>
    private static IEnumerable<string> CheckSkills(string field, IReadOnlyList<string>? names, Dictionary<string, ContextSkillEntry> context, int min)
    {
        if (names is null || names.Count < min)
        {
            yield return $"\"{field}\" must list at least {min} skill URIs from the context";
            yield break;
        }

        foreach (var name in names)
        {
            if (ResolveOne(name, context) is null)
            {
                yield return $"\"{field}\" names '{name}', which is not a skill of the context (use the exact \"uri\" of a skill in INPUT)";
            }
        }
    }

    internal static List<string> Resolve(IEnumerable<string> names, Dictionary<string, ContextSkillEntry> context) =>
        [.. names.Select(n => ResolveOne(n, context)).OfType<string>().Distinct(StringComparer.Ordinal)];

    private static string? ResolveOne(string? name, Dictionary<string, ContextSkillEntry> context)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var trimmed = name.Trim().Trim('<', '>');
        return context.ContainsKey(trimmed)
            ? trimmed
            : context.Values.FirstOrDefault(s => string.Equals(s.Label, trimmed, StringComparison.OrdinalIgnoreCase))?.Uri;
    }

    private static bool LeaksInto(ContextSkillEntry skill, string text) => LabelLeak.Find(text, skill.AltLabels.Prepend(skill.Label)).Count > 0;

    internal static TeachingContext Map(OccupationContext context, int maxNodes) => new(
        new ContextOccupation(
            context.Occupation.Uri.Value,
            context.Occupation.Label,
            context.Code,
            Clip(context.Description, 400),
            [.. context.AltLabels.Take(8)],
            [.. context.HierarchyPath.Select(h => h.Label)]),
        [.. context.Skills.Select(s => new ContextSkillEntry(
            s.Skill.Uri.Value,
            s.Skill.Label,
            s.Relation switch { ContextRelation.Essential => "essential", ContextRelation.Optional => "optional", _ => "related" },
            s.SkillType switch { SkillType.Knowledge => "knowledge", SkillType.SkillCompetence => "skill", _ => null },
            [.. s.AltLabels],
            Clip(s.Description, 240),
            [.. s.GroupPath.Select(g => g.Label).Reverse()]))],
        maxNodes,
        context.Seed,
        context.Truncated);

    private static string? Clip(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= max ? flat : flat[..max].TrimEnd() + "…";
    }
}
