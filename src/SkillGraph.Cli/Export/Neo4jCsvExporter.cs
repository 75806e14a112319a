using System.Globalization;
using System.Text;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;

namespace SkillGraph.Cli.Export;

/// <summary>
/// Writes the graph as CSV files that <c>neo4j-admin database import full</c> reads (the model of cypher/README.md):
/// one node file per kind label with <c>uri:ID(Concept)</c>, <c>:LABEL</c> and exactly the properties the Neo4j adapter
/// writes, from its own mapping (<see cref="ConceptProperties"/>: same values, same types, content hash and version
/// included), so that the adapter reads an imported database unchanged and keeps versions; one relationship file
/// per relation type with <c>:START_ID(Concept)</c>, <c>:END_ID(Concept)</c>, <c>:TYPE</c>; header files apart; a
/// README.txt with the import command. Reads only through <see cref="IGraphStore"/>, in batches, ordered by URI, so the
/// same graph always gives the same bytes. The files are written into a staging folder beside the target, flushed to disk,
/// and the folder replaces the target as one set (<see cref="ExportFolder"/>): a kill leaves the previous export or the new
/// one, never a mix.
/// </summary>
internal sealed class Neo4jCsvExporter(IGraphStore store)
{
    /// <summary>The array delimiter: ESCO labels contain ';' (the neo4j-admin default), none contains '|'.</summary>
    public const char ArrayDelimiter = '|';

    private const int BatchSize = 1000;

    private static readonly (ConceptKind Kind, string Label, string File)[] Kinds =
    [
        (ConceptKind.Occupation, "Occupation", "occupations"),
        (ConceptKind.Skill, "Skill", "skills"),
        (ConceptKind.SkillGroup, "SkillGroup", "skill-groups"),
        (ConceptKind.IscoGroup, "IscoGroup", "isco-groups"),
    ];

    private static readonly (RelationType Type, string Name, string File)[] Relations =
    [
        (RelationType.EssentialSkill, "ESSENTIAL_SKILL", "essential-skill"),
        (RelationType.OptionalSkill, "OPTIONAL_SKILL", "optional-skill"),
        (RelationType.Broader, "BROADER", "broader"),
        (RelationType.EssentialRelatedSkill, "ESSENTIAL_RELATED_SKILL", "essential-related-skill"),
        (RelationType.OptionalRelatedSkill, "OPTIONAL_RELATED_SKILL", "optional-related-skill"),
    ];

    /// <summary><c>uri:ID(Concept)</c> (neo4j-admin stores the ID as the property <c>uri</c>), <c>:LABEL</c>, then every other property of <see cref="ConceptProperties.Schema"/> with its type.</summary>
    private static readonly string NodeHeader = string.Join(',',
        ConceptProperties.Schema.Select(p => p.Name == "uri" ? "uri:ID(Concept)" : $"{p.Name}:{p.AdminType}").Prepend(":LABEL").Prepend("uri:ID(Concept)").Distinct());

    private const string RelationshipHeader = ":START_ID(Concept),:END_ID(Concept),:TYPE";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Every file an export writes: the folder it replaces may hold these and nothing else.</summary>
    public static IReadOnlySet<string> Files { get; } = Kinds.Select(k => k.File).Concat(Relations.Select(r => r.File))
        .SelectMany(file => new[] { $"{file}.csv", $"{file}-header.csv" }).Append("README.txt").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Exports into <paramref name="target"/>, a folder <see cref="ExportFolder.Prepare"/> returned: created if missing,
    /// replaced as a whole set if present.
    /// </summary>
    public async Task<Neo4jExportSummary> ExportAsync(string target, Action<string, double, double> report, CancellationToken cancellationToken)
    {
        var temp = ExportFolder.NewStaging(target);
        try
        {
            var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var all = new List<ConceptUri>();
            long nodes = 0;
            foreach (var (kind, label, file) in Kinds)
            {
                var uris = await ListAsync(kind, label, report, cancellationToken).ConfigureAwait(false);
                all.AddRange(uris);
                WriteText(temp, $"{file}-header.csv", NodeHeader + "\n");
                rows[$"{file}.csv"] = await WriteNodesAsync(Path.Combine(temp, $"{file}.csv"), uris, label, report, cancellationToken).ConfigureAwait(false);
                nodes += rows[$"{file}.csv"];
            }

            all.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
            long relationships = 0;
            foreach (var (type, name, file) in Relations)
            {
                WriteText(temp, $"{file}-header.csv", RelationshipHeader + "\n");
                rows[$"{file}.csv"] = await WriteRelationshipsAsync(Path.Combine(temp, $"{file}.csv"), all, type, name, report, cancellationToken).ConfigureAwait(false);
                relationships += rows[$"{file}.csv"];
            }

            WriteText(temp, "README.txt", Readme(rows, nodes, relationships));
            cancellationToken.ThrowIfCancellationRequested();
            ExportFolder.Replace(temp, target);
            return new Neo4jExportSummary(rows, nodes, relationships);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>The neo4j-admin invocation for the files, run from inside the export folder.</summary>
    public static string ImportCommand(string database = "neo4j")
    {
        var command = new StringBuilder($"neo4j-admin database import full {database} --overwrite-destination=true --id-type=string");
        command.Append(CultureInfo.InvariantCulture, $" --array-delimiter=\"U+{(int)ArrayDelimiter:X4}\" --multiline-fields=true");
        foreach (var (_, _, file) in Kinds)
        {
            command.Append(CultureInfo.InvariantCulture, $" \\\n  --nodes={file}-header.csv,{file}.csv");
        }

        foreach (var (_, _, file) in Relations)
        {
            command.Append(CultureInfo.InvariantCulture, $" \\\n  --relationships={file}-header.csv,{file}.csv");
        }

        return command.ToString();
    }

    private async Task<List<ConceptUri>> ListAsync(ConceptKind kind, string label, Action<string, double, double> report, CancellationToken cancellationToken)
    {
        var uris = new List<ConceptUri>();
        string? after = null;
        while (true)
        {
            var page = await store.ListConceptsAsync(new ConceptFilter(kind), new PageRequest(BatchSize, after), cancellationToken).ConfigureAwait(false);
            uris.AddRange(page.Items);
            report($"listing {label} nodes", uris.Count, page.TotalCount);
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return uris;
            }

            after = page.EndCursor;
        }
    }

    private async Task<long> WriteNodesAsync(string path, List<ConceptUri> uris, string label, Action<string, double, double> report, CancellationToken cancellationToken)
    {
        await using var writer = NewWriter(path);
        long written = 0;
        foreach (var batch in uris.Chunk(BatchSize))
        {
            var concepts = await store.GetConceptsAsync(batch, cancellationToken).ConfigureAwait(false);
            foreach (var concept in concepts)
            {
                if (concept is null)
                {
                    continue; // removed between the listing and the read
                }

                await writer.WriteAsync(NodeRow(concept, label)).ConfigureAwait(false);
                written++;
            }

            report($"writing {label} nodes", written, uris.Count);
        }

        await FlushToDiskAsync(writer).ConfigureAwait(false);
        return written;
    }

    private async Task<long> WriteRelationshipsAsync(string path, List<ConceptUri> sources, RelationType type, string name, Action<string, double, double> report, CancellationToken cancellationToken)
    {
        await using var writer = NewWriter(path);
        long written = 0;
        var done = 0;
        foreach (var batch in sources.Chunk(BatchSize))
        {
            var pages = await store.GetNeighboursManyAsync(batch, type, Direction.Outgoing, PageRequest.All, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                foreach (var target in pages[i].Items)
                {
                    await writer.WriteAsync($"{Quote(batch[i].Value)},{Quote(target.Value)},{name}\n").ConfigureAwait(false);
                    written++;
                }
            }

            done += batch.Length;
            report($"writing {name} relationships", done, sources.Count);
        }

        await FlushToDiskAsync(writer).ConfigureAwait(false);
        return written;
    }

    private static string NodeRow(Concept c, string label)
    {
        var properties = ConceptProperties.ToProperties(c, c.Version, ConceptProperties.ContentHash(c));
        var fields = new List<string>(ConceptProperties.Schema.Count + 1) { Quote(c.Uri.Value), $"Concept{ArrayDelimiter}{label}" };
        foreach (var (name, _) in ConceptProperties.Schema)
        {
            if (name != "uri")
            {
                fields.Add(Field(properties[name]));
            }
        }

        return string.Join(',', fields) + "\n";
    }

    /// <summary>A property value as neo4j-admin reads it for its header type: null is an empty field (no property).</summary>
    private static string Field(object? value) => value switch
    {
        null => string.Empty,
        string text => Quote(text),
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        string[] texts => ListField(texts),
        long[] numbers => string.Join(ArrayDelimiter, numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        _ => throw new InvalidOperationException($"no neo4j-admin field for a {value.GetType().Name}"),
    };

    /// <summary>
    /// An absent value is an empty field (neo4j-admin sets no property); a string is always quoted, so an empty one is
    /// <c>""</c>, which neo4j-admin stores as an empty string (its <c>--ignore-empty-strings</c> is false by default).
    /// </summary>
    private static string Quote(string? value) =>
        value is null ? string.Empty : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string array; an element that holds the delimiter or is empty could not be read back as it was.</summary>
    private static string ListField(string[] items)
    {
        foreach (var item in items)
        {
            if (item.Length == 0 || item.Contains(ArrayDelimiter, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"the list element '{item}' is empty or contains the array delimiter '{ArrayDelimiter}'; it cannot be exported as a neo4j-admin array.");
            }
        }

        return Quote(string.Join(ArrayDelimiter, items));
    }

    private static StreamWriter NewWriter(string path) => new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None), Utf8) { NewLine = "\n" };

    /// <summary>Everything written so far, on the disk: the staging folder replaces the export only with whole files.</summary>
    private static async Task FlushToDiskAsync(StreamWriter writer)
    {
        await writer.FlushAsync().ConfigureAwait(false);
        ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
    }

    private static void WriteText(string directory, string file, string text)
    {
        using var stream = new FileStream(Path.Combine(directory, file), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(Utf8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    private static string Readme(IReadOnlyDictionary<string, long> rows, long nodes, long relationships)
    {
        var text = new StringBuilder();
        text.Append("SkillGraph export for neo4j-admin (written by `skillgraph export neo4j`; the model is cypher/README.md).\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{nodes} nodes, {relationships} relationships:\n");
        foreach (var (file, count) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {file}: {count} rows\n");
        }

        text.Append("\nWith the Neo4j server stopped (or the database not yet created), from inside this folder:\n\n");
        text.Append(ImportCommand()).Append("\n\n");
        text.Append("Then start Neo4j and apply cypher/schema.cypher (constraints, indexes, the full-text index):\n\n");
        text.Append("cypher-shell -u neo4j -p \"$NEO4J_PASSWORD\" -f cypher/schema.cypher\n");
        return text.ToString();
    }
}
