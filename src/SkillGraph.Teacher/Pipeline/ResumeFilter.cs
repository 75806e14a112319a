namespace SkillGraph.Teacher.Pipeline;

/// <summary>
/// What the unmatched resume filters out of the matched one besides the removed skills, drawn by the pipeline
/// (seeded per occupation) so that the recipe holds for any model: the years the matched resume states (none in a
/// fifth of the records), whether the unmatched one keeps them (so that about half of all records have the same years
/// in both resumes, and years alone cannot tell them apart) or states fewer, and whether it also leaves out one
/// whole experience entry. The job ad asks for a number of years in <see cref="JobStatesYears"/> of the records
/// (<see cref="RequiredYears"/>, at most the matched resume's years), as written job ads do; then a shortened unmatched
/// resume states fewer years than the ad asks for.
/// </summary>
internal sealed record ResumeFilter(int? MatchedYears, int? UnmatchedYears, bool RemoveExperience, int? RequiredYears = null)
{
    /// <summary>Share of records whose resumes state no years.</summary>
    public const double NoYears = 0.2;

    /// <summary>Share of the records that state years whose unmatched resume keeps them: 0.2 + 0.8 × 0.375 = 0.5 unchanged overall.</summary>
    public const double KeepYears = 0.375;

    /// <summary>Share of records whose unmatched resume also leaves out one experience entry.</summary>
    public const double RemoveOneExperience = 0.4;

    /// <summary>Share of records whose job ad asks for a number of years of experience.</summary>
    public const double JobStatesYears = 0.6;

    public static ResumeFilter Draw(Random random)
    {
        // Every draw is made whatever the outcome, so one choice never shifts the others.
        var statesYears = random.NextDouble() >= NoYears;
        var matched = 2 + random.Next(13);
        var keep = random.NextDouble() < KeepYears;
        var shortened = random.Next(Math.Max(1, matched / 3), matched);
        var removeExperience = random.NextDouble() < RemoveOneExperience;
        var jobStates = random.NextDouble() < JobStatesYears;
        var required = Math.Max(2, matched - random.Next(1 + (matched / 2)));
        var belowRequired = random.Next(Math.Max(1, required / 3), required);
        var requiredYears = jobStates ? required : (int?)null;
        return statesYears
            ? new ResumeFilter(matched, keep ? matched : jobStates ? belowRequired : shortened, removeExperience, requiredYears)
            : new ResumeFilter(null, null, removeExperience, requiredYears);
    }
}
