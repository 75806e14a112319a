using nietras.SeparatedValues;
using SkillGraph.Formats;

namespace SkillGraph.Student.Evaluation;

/// <summary>A labelled query: a text and the catalog indices of its gold skills.</summary>
public sealed record LabelledText(string Text, int[] Gold);

/// <summary>A labelled set and what could not be mapped onto the catalog.</summary>
public sealed record LabelledSet(string Name, IReadOnlyList<LabelledText> Items, int UnknownLabels);

/// <summary>
/// Reads the labelled data the student is trained and judged on: recorded teacher output (SkillSkape CSV: sentence +
/// list of preferred labels; or the teacher's JSONL sentence records with skill URIs) and the human-annotated TECH and
/// HOUSE validation splits. Never the public test splits: asking for one throws.
/// </summary>
public static class EvaluationData
{
    /// <summary>The environment variable a host reads for the data folder.</summary>
    public const string DataVariable = "SKILLGRAPH_DATA";

    /// <summary><paramref name="configured"/> (the host reads <see cref="DataVariable"/>), else <c>../shared/data</c> beside the repository (found upwards from the working directory).</summary>
    public static string ResolveRoot(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SkillGraph.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                }
            }
        }

        return Path.GetFullPath(Path.Combine("..", "shared", "data"));
    }

    /// <summary>Any labelled file by its extension: <c>.csv</c> (SkillSkape columns sentence, skills) or <c>.jsonl</c> (<c>{"text","skills":[uri]}</c>).</summary>
    public static LabelledSet Load(SkillCatalog catalog, string path) =>
        Path.GetExtension(path).Equals(".jsonl", StringComparison.OrdinalIgnoreCase) ? LoadSentenceRecords(catalog, path) : LoadSkillSkape(catalog, path);

    /// <summary>A SkillSkape split: a sentence and a Python-style list of ESCO preferred labels (the recorded teacher's answer).</summary>
    public static LabelledSet LoadSkillSkape(SkillCatalog catalog, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        RefuseTestSplit(path);
        var result = new List<LabelledText>();
        var unknown = 0;
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        if (!reader.Header.TryIndexOf("sentence", out var sentenceColumn) || !reader.Header.TryIndexOf("skills", out var skillsColumn))
        {
            throw new InvalidDataException($"{path}: expected the columns sentence and skills");
        }

        foreach (var row in reader)
        {
            var gold = new List<int>();
            foreach (var label in PythonList.Parse(row[skillsColumn].ToString()))
            {
                var i = catalog.IndexOfLabel(label);
                if (i < 0)
                {
                    unknown++;
                }
                else if (!gold.Contains(i))
                {
                    gold.Add(i);
                }
            }

            result.Add(new LabelledText(row[sentenceColumn].ToString(), [.. gold]));
        }

        return new LabelledSet(Path.GetFileNameWithoutExtension(path), result, unknown);
    }

    /// <summary>The teacher's sentence records (<c>skillgraph teach</c> writes them to OUT.sentences.jsonl).</summary>
    public static LabelledSet LoadSentenceRecords(SkillCatalog catalog, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var unknown = 0;
        var result = JsonLines.Read(path, line =>
        {
            var (gold, missing) = GoldIndices(catalog, line.Strings("skills"));
            unknown += missing;
            return new LabelledText(line.String("text"), gold);
        });
        return new LabelledSet(Path.GetFileNameWithoutExtension(path), result, unknown);
    }

    /// <summary>
    /// The teacher's sentence records that belong to the records <paramref name="keepRecord"/> accepts (a sentence's id is its
    /// record's id + "-sNN", as <c>skillgraph teach</c> writes them).
    /// </summary>
    public static LabelledSet LoadSentenceRecords(SkillCatalog catalog, string path, Func<string, bool> keepRecord, string name)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(keepRecord);
        var unknown = 0;
        var result = JsonLines.Read(path, line =>
        {
            var id = line.Id();
            var cut = id.LastIndexOf("-s", StringComparison.Ordinal);
            if (cut <= 0 || !keepRecord(id[..cut]))
            {
                return null;
            }

            var (gold, missing) = GoldIndices(catalog, line.Strings("skills"));
            unknown += missing;
            return new LabelledText(line.String("text"), gold);
        });
        return new LabelledSet(name, [.. result.OfType<LabelledText>()], unknown);
    }

    /// <summary>The catalog indices of a record's skill URIs, each once, in order; and how many URIs the catalog lacks.</summary>
    private static (int[] Gold, int Unknown) GoldIndices(SkillCatalog catalog, IEnumerable<string> uris)
    {
        var gold = new List<int>();
        var unknown = 0;
        foreach (var uri in uris)
        {
            var i = catalog.IndexOfUri(uri);
            if (i < 0)
            {
                unknown++;
            }
            else if (!gold.Contains(i))
            {
                gold.Add(i);
            }
        }

        return ([.. gold], unknown);
    }

    /// <summary>TECH or HOUSE validation: one row per (sentence, span, label); a query is a sentence with at least one real label.</summary>
    public static LabelledSet LoadValidation(SkillCatalog catalog, string dataRoot, string name)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var path = Path.Combine(dataRoot, "skill-extraction-val", $"{name}_validation_annotations.csv");
        var bySentence = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        var unknown = 0;
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var row in reader)
        {
            var sentence = row["sentence"].ToString();
            var label = row["label"].ToString().Trim();
            if (!bySentence.TryGetValue(sentence, out var gold))
            {
                gold = [];
                bySentence[sentence] = gold;
                order.Add(sentence);
            }

            if (label is "LABEL NOT PRESENT" or "UNDERSPECIFIED" || label.Length == 0)
            {
                continue;
            }

            var i = catalog.IndexOfLabel(label);
            if (i < 0)
            {
                unknown++;
            }
            else if (!gold.Contains(i))
            {
                gold.Add(i);
            }
        }

        return new LabelledSet($"{name.ToUpperInvariant()} val", [.. order.Where(s => bySentence[s].Count > 0).Select(s => new LabelledText(s, [.. bySentence[s]]))], unknown);
    }

    /// <summary>The public test splits are the exam: the student never reads them.</summary>
    public static void RefuseTestSplit(string path)
    {
        if (Path.GetFileNameWithoutExtension(path).Contains("test", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{path}: test splits are held out for the final judgement and are never read.");
        }
    }
}
