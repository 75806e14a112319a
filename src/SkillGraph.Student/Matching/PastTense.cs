namespace SkillGraph.Student.Matching;

/// <summary>
/// The simple past of an English verb, for the Editor's resume lines: a small table of irregular verbs (the ones ESCO's skill labels
/// and job ads use), then the regular rules — e → ed, consonant + y → ied, a short consonant–vowel–consonant verb doubles its last
/// letter (plan → planned, not develop → developed).
/// </summary>
public static class PastTense
{
    // verb:past pairs ("_" for a space: "set-up" → "set up").
    private static readonly Dictionary<string, string> Irregular = """
        be:was bear:bore beat:beat become:became begin:began bend:bent bind:bound blow:blew break:broke breed:bred
        bring:brought broadcast:broadcast build:built buy:bought cast:cast catch:caught choose:chose cut:cut
        deal:dealt dig:dug do:did draw:drew drive:drove eat:ate feed:fed feel:felt fight:fought find:found fly:flew
        forecast:forecast forget:forgot freeze:froze get:got give:gave go:went grind:ground grow:grew hang:hung
        have:had hear:heard hold:held input:input keep:kept know:knew lay:laid lead:led leave:left lend:lent let:let
        light:lit lose:lost make:made mean:meant meet:met oversee:oversaw overcome:overcame pay:paid preset:preset
        put:put quit:quit read:read rebuild:rebuilt rewrite:rewrote ride:rode ring:rang rise:rose run:ran say:said
        see:saw seek:sought sell:sold send:sent set:set set-up:set_up setup:set_up shake:shook shoot:shot show:showed
        shut:shut sing:sang sit:sat sleep:slept slide:slid speak:spoke spend:spent spin:spun split:split spread:spread
        stand:stood steal:stole stick:stuck strike:struck swear:swore sweep:swept swim:swam swing:swung take:took
        teach:taught tear:tore tell:told think:thought throw:threw understand:understood undertake:undertook
        upset:upset wake:woke wear:wore weave:wove win:won wind:wound withdraw:withdrew write:wrote
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split(':'))
        .ToDictionary(p => p[0], p => p[1].Replace('_', ' '), StringComparer.Ordinal);

    // Longer verbs that double like short ones: stressed on the last syllable (commit → committed), or by custom (debug, program).
    private static readonly HashSet<string> Doubling = new(StringComparer.Ordinal)
    {
        "admit", "commit", "compel", "control", "debug", "deter", "format", "kidnap", "program", "emit", "equip", "excel", "expel", "incur", "occur", "omit", "patrol",
        "permit", "prefer", "propel", "recur", "refer", "regret", "remit", "submit", "transfer", "transmit",
    };

    /// <summary>The simple past of <paramref name="verb"/> (a base form, lower case).</summary>
    public static string Of(string verb)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        var v = verb.ToLowerInvariant();
        if (Irregular.TryGetValue(v, out var past))
        {
            return past;
        }

        if (v.EndsWith('e'))
        {
            return v + "d";
        }

        if (v.Length > 1 && v[^1] == 'y' && !IsVowel(v[^2]))
        {
            return v[..^1] + "ied";
        }

        if (v.EndsWith('c'))
        {
            return v + "ked";
        }

        return Doubles(v) ? v + v[^1] + "ed" : v + "ed";
    }

    /// <summary>
    /// A verb that ends consonant–vowel–consonant (not w, x or y) and has one syllable, or is stressed on its last one; or that ends
    /// in a single vowel and l, which British spelling (ESCO's) doubles (label → labelled, model → modelled).
    /// </summary>
    private static bool Doubles(string v)
    {
        if (Doubling.Contains(v) || (v.Length > 3 && v[^1] == 'l' && IsVowel(v[^2]) && !IsVowel(v[^3])))
        {
            return true;
        }

        if (v.Length < 3 || IsVowel(v[^1]) || v[^1] is 'w' or 'x' or 'y' || !IsVowel(v[^2]) || IsVowel(v[^3]))
        {
            return false;
        }

        // One syllable: a single run of vowels ("plan", "ship", "log"; not "develop", "edit", "budget").
        var runs = 0;
        for (var i = 0; i < v.Length; i++)
        {
            if (IsVowel(v[i]) && (i == 0 || !IsVowel(v[i - 1])))
            {
                runs++;
            }
        }

        return runs == 1;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
