using System.Collections.Frozen;

namespace SkillGraph.Student.Matching;

/// <summary>
/// The past forms of the verbs ESCO's skill labels open with, each mapped to the verb itself: "monitored" → "monitor", "led" →
/// "lead". A resume says what its writer did ("Monitored vital signs"); the labels and the job ads the extractor learned from say
/// what to do ("monitor patient's vital signs"). The resume's words are read in the labels' form; the characters and spans stay
/// the resume's own (decision 0041). A form that is itself such a verb ("found", "saw") and a form two verbs share are read as
/// written.
/// </summary>
public static class VerbForms
{
    /// <summary>A verb opens at least this many preferred labels to count (a first word once is often no verb: "Java", "accounting").</summary>
    public const int MinLabels = 2;

    /// <summary>
    /// Past form → verb, case-insensitive, for the verbs that open at least <see cref="MinLabels"/> of the catalog's preferred labels.
    /// Only past forms: the -ing forms are also nouns that labels use as they are ("welding techniques", "software testing").
    /// </summary>
    public static FrozenDictionary<string, string> Of(SkillCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var verbs = catalog.Skills
            .Select(s => s.PreferredLabel.Trim().Split(' ', 2)[0].ToLowerInvariant())
            .Where(w => w.Length >= 3 && w.All(char.IsAsciiLetterLower))
            .GroupBy(w => w, StringComparer.Ordinal)
            .Where(g => g.Count() >= MinLabels)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var forms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var verb in verbs)
        {
            foreach (var form in PastForms(verb))
            {
                if (verbs.Contains(form))
                {
                    continue;
                }

                if (forms.TryGetValue(form, out var other) && other != verb)
                {
                    clashes.Add(form); // two verbs' form: read as written
                }

                forms[form] = verb;
            }
        }

        foreach (var form in clashes)
        {
            forms.Remove(form);
        }

        return forms.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The verb's past form (<see cref="PastTense"/>), and for a regular verb both spellings of a last consonant ("modelled", "modeled").</summary>
    private static IEnumerable<string> PastForms(string verb)
    {
        yield return PastTense.Of(verb);
        if (!verb.EndsWith('e'))
        {
            yield return verb + "ed";
            yield return verb + verb[^1] + "ed";
        }
    }
}
