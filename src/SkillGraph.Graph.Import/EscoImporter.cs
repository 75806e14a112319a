using System.Globalization;
using SkillGraph.Domain;

using SkillGraph.Formats;

namespace SkillGraph.Graph.Import;

/// <summary>Progress of reading the download: <paramref name="Rows"/> rows of <paramref name="File"/> read so far.</summary>
public readonly record struct ImportProgress(string File, int FileIndex, int FileCount, long Rows);

/// <summary>
/// Reads the official ESCO CSV download (one language) into one <see cref="GraphBatch"/> that replaces the
/// graph: every concept of both pillars, labels, hierarchy, occupation–skill and skill–skill relations, and
/// collection membership. Rows that name a concept that is not in the download are skipped and reported.
/// </summary>
public sealed class EscoImporter(string language = "en")
{
    public const string ReasonUnknownOccupation = "names an occupation that is not in the download";
    public const string ReasonUnknownSkill = "names a skill that is not in the download";
    public const string ReasonUnknownConcept = "names a concept that is not in the download";
    public const string ReasonUnknownRelationType = "has an unknown relation type";

    private readonly Dictionary<ConceptUri, Concept> _concepts = [];

    public IReadOnlyList<string> Files =>
    [
        Iscogroups, Occupations, SkillGroups, Skills, SkillsHierarchy,
        BroaderOccupations, BroaderSkills, OccupationSkills, SkillSkills,
        .. CollectionFiles.Select(c => c.File),
    ];

    private string Iscogroups => $"ISCOGroups_{language}.csv";

    private string Occupations => $"occupations_{language}.csv";

    private string SkillGroups => $"skillGroups_{language}.csv";

    private string Skills => $"skills_{language}.csv";

    private string SkillsHierarchy => $"skillsHierarchy_{language}.csv";

    private static string BroaderOccupations => "broaderRelationsOccPillar.csv";

    private static string BroaderSkills => "broaderRelationsSkillPillar.csv";

    private static string OccupationSkills => "occupationSkillRelations.csv";

    private static string SkillSkills => "skillSkillRelations.csv";

    private IEnumerable<(string File, EscoCollections Collection)> CollectionFiles =>
    [
        ($"digitalSkillsCollection_{language}.csv", EscoCollections.Digital),
        ($"greenSkillsCollection_{language}.csv", EscoCollections.Green),
        ($"transversalSkillsCollection_{language}.csv", EscoCollections.Transversal),
        ($"languageSkillsCollection_{language}.csv", EscoCollections.Language),
        ($"researchSkillsCollection_{language}.csv", EscoCollections.Research),
        ($"researchOccupationsCollection_{language}.csv", EscoCollections.Research),
        ($"digCompSkillsCollection_{language}.csv", EscoCollections.DigComp),
    ];

    /// <summary>Reads every file; throws <see cref="EscoImportException"/> for a missing or malformed one.</summary>
    public GraphBatch Read(IEscoSource source, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckFiles(source);

        _concepts.Clear();
        var relations = new List<Relation>(160_000);
        var skipped = new List<SkippedRow>();
        var fileIndex = 0;

        void ReadFile(string file, string[] columns, CsvTable.RowHandler handler, bool allowShortRows = false)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = ++fileIndex;
            using var stream = source.Open(file);
            try
            {
                CsvTable.Read(stream, file, columns, handler, rows =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new ImportProgress(file, index, Files.Count, rows));
                }, allowShortRows);
            }
            catch (CsvFormatException ex)
            {
                throw new EscoImportException(ex.File, ex.Line, ex.Problem, ex.InnerException);
            }
        }

        ReadFile(Iscogroups, ["conceptUri", "code", "preferredLabel", "status", "altLabels", "description"], row =>
            AddConcept(row, ConceptKind.IscoGroup, row[2], row[3], row[4], null, row[5], null, null, row[1], null, null, null));
        ReadFile(Occupations, ["conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "description", "code"], row =>
            AddConcept(row, ConceptKind.Occupation, row[1], row[4], row[2], row[3], row[8], row[7], row[6], row[9], row[5], null, null));
        ReadFile(SkillGroups, ["conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "description", "code"], row =>
            AddConcept(row, ConceptKind.SkillGroup, row[1], row[4], row[2], row[3], row[7], null, row[6], row[8], row[5], null, null));
        ReadFile(Skills, ["conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "description"], row =>
            AddConcept(row, ConceptKind.Skill, row[3], row[6], row[4], row[5], row[10], row[9], row[8], null, row[7], ParseSkillType(row), ParseReuseLevel(row)));

        // The hierarchy file names a few groups that skillGroups_en.csv lacks (7 in v1.1.1): take them from here.
        ReadFile(SkillsHierarchy, ["Level 0 URI", "Level 0 preferred term", "Level 1 URI", "Level 1 preferred term", "Level 2 URI", "Level 2 preferred term", "Level 3 URI", "Level 3 preferred term", "Description", "Level 0 code", "Level 1 code", "Level 2 code", "Level 3 code"], row =>
        {
            for (var level = 0; level < 4; level++)
            {
                var uriText = row[level * 2];
                if (string.IsNullOrWhiteSpace(uriText) || !ConceptUri.TryParse(uriText, out var uri) || _concepts.ContainsKey(uri))
                {
                    continue;
                }

                var deepest = level == 3 || string.IsNullOrWhiteSpace(row[(level + 1) * 2]);
                _concepts[uri] = new Concept
                {
                    Uri = uri,
                    Kind = ConceptKind.SkillGroup,
                    PreferredLabel = row[(level * 2) + 1],
                    Description = deepest ? row.Optional(8) : null,
                    Code = row.Optional(9 + level),
                };
            }
        }, allowShortRows: true);

        ReadFile(BroaderOccupations, ["conceptUri", "broaderUri"], row => AddRelation(row, relations, skipped, "occupationBroader", Uri(row, 0), RelationType.Broader, Uri(row, 1), ReasonUnknownConcept));
        ReadFile(BroaderSkills, ["conceptUri", "broaderUri"], row => AddRelation(row, relations, skipped, "skillBroader", Uri(row, 0), RelationType.Broader, Uri(row, 1), ReasonUnknownConcept));
        ReadFile(OccupationSkills, ["occupationUri", "relationType", "skillUri"], row =>
        {
            var type = row[1] switch
            {
                "essential" => RelationType.EssentialSkill,
                "optional" => RelationType.OptionalSkill,
                _ => (RelationType?)null,
            };
            if (type is null)
            {
                skipped.Add(new SkippedRow(row.File, row.Line, "occupationSkill", ReasonUnknownRelationType, $"'{row[1]}'"));
                return;
            }

            var occupation = Uri(row, 0);
            var skill = Uri(row, 2);
            var reason = !Known(occupation, ConceptKind.Occupation) ? ReasonUnknownOccupation : ReasonUnknownSkill;
            AddRelation(row, relations, skipped, row[1], occupation, type.Value, skill, reason, $"{occupation} → {skill}");
        });
        ReadFile(SkillSkills, ["originalSkillUri", "relationType", "relatedSkillUri"], row =>
        {
            var type = row[1] switch
            {
                "essential" => RelationType.EssentialRelatedSkill,
                "optional" => RelationType.OptionalRelatedSkill,
                _ => (RelationType?)null,
            };
            if (type is null)
            {
                skipped.Add(new SkippedRow(row.File, row.Line, "skillSkill", ReasonUnknownRelationType, $"'{row[1]}'"));
                return;
            }

            AddRelation(row, relations, skipped, "skillSkill", Uri(row, 0), type.Value, Uri(row, 2), ReasonUnknownSkill);
        });

        foreach (var (file, collection) in CollectionFiles)
        {
            ReadFile(file, ["conceptUri"], row =>
            {
                var uri = Uri(row, 0);
                if (_concepts.TryGetValue(uri, out var concept))
                {
                    _concepts[uri] = concept with { Collections = concept.Collections | collection };
                }
                else
                {
                    skipped.Add(new SkippedRow(row.File, row.Line, "collection", ReasonUnknownConcept, uri.Value));
                }
            });
        }

        // An import replaces the graph: a download in which every occupation or every skill failed to read must not empty it.
        foreach (var (kind, file) in new[] { (ConceptKind.Occupation, Occupations), (ConceptKind.Skill, Skills) })
        {
            if (!_concepts.Values.Any(c => c.Kind == kind))
            {
                throw new EscoImportException(file, 0, $"holds no {kind.ToString().ToLowerInvariant()}; nothing was imported and the graph is as it was.");
            }
        }

        if (relations.Count == 0 && skipped.Count > 0)
        {
            var first = skipped[0];
            throw new EscoImportException(first.File, first.Line, $"every relation row was skipped ({skipped.Count}; the first {first.Reason}); nothing was imported.");
        }

        return new GraphBatch
        {
            Concepts = [.. _concepts.Values.Select(c => new ConceptWrite(c))],
            AddRelations = relations,
            ReplaceAll = true,
            Source = $"ESCO ({language}) from {source.Description}",
            Skipped = skipped,
        };
    }

    /// <summary>Throws <see cref="EscoImportException"/> naming the first file the download lacks.</summary>
    public void CheckFiles(IEscoSource source)
    {
        foreach (var file in Files)
        {
            if (!source.Exists(file))
            {
                throw new EscoImportException(file, 0, $"the file is missing from the ESCO download ({source.Description}).");
            }
        }
    }

    private bool Known(ConceptUri uri, ConceptKind kind) => _concepts.TryGetValue(uri, out var c) && c.Kind == kind;

    private void AddRelation(CsvRow row, List<Relation> relations, List<SkippedRow> skipped, string category, ConceptUri source, RelationType type, ConceptUri target, string reason, string? detail = null)
    {
        if (_concepts.ContainsKey(source) && _concepts.ContainsKey(target))
        {
            relations.Add(new Relation(source, type, target));
        }
        else
        {
            skipped.Add(new SkippedRow(row.File, row.Line, category, reason, detail ?? $"{source} → {target}"));
        }
    }

    private static ConceptUri Uri(CsvRow row, int column) =>
        ConceptUri.TryParse(row[column], out var uri) ? uri : throw new EscoImportException(row.File, row.Line, $"'{row[column]}' is not a concept URI.");

    private void AddConcept(CsvRow row, ConceptKind kind, string preferredLabel, string status, string altLabels, string? hiddenLabels,
        string description, string? definition, string? scopeNote, string? code, string? modified, SkillType? skillType, ReuseLevel? reuseLevel)
    {
        var uri = Uri(row, 0);
        if (string.IsNullOrWhiteSpace(preferredLabel))
        {
            throw new EscoImportException(row.File, row.Line, $"{uri} has no preferred label.");
        }

        if (_concepts.ContainsKey(uri))
        {
            throw new EscoImportException(row.File, row.Line, $"{uri} appears twice.");
        }

        var labels = new List<ConceptLabel>();
        AddLabels(labels, altLabels, LabelKind.Alternative);
        AddLabels(labels, hiddenLabels, LabelKind.Hidden);
        _concepts[uri] = new Concept
        {
            Uri = uri,
            Kind = kind,
            PreferredLabel = preferredLabel, // verbatim, as ESCO publishes it (a few end in a space)
            Labels = labels,
            Description = Blank(description),
            Definition = Blank(definition),
            ScopeNote = Blank(scopeNote),
            Status = string.IsNullOrWhiteSpace(status) ? "released" : status.Trim(),
            Code = Blank(code),
            ModifiedAt = DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            SkillType = skillType,
            ReuseLevel = reuseLevel,
        };

        void AddLabels(List<ConceptLabel> target, string? text, LabelKind labelKind)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            foreach (var line in text.Split('\n'))
            {
                var label = line.Trim();
                if (label.Length > 0 && !target.Any(l => l.Kind == labelKind && l.Text == label))
                {
                    target.Add(new ConceptLabel(label, labelKind, language));
                }
            }
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static SkillType? ParseSkillType(CsvRow row) => row[1] switch
    {
        "skill/competence" => SkillType.SkillCompetence,
        "knowledge" => SkillType.Knowledge,
        "" => null,
        _ => throw new EscoImportException(row.File, row.Line, $"unknown skillType '{row[1]}'."),
    };

    private static ReuseLevel? ParseReuseLevel(CsvRow row) => row[2] switch
    {
        "transversal" => ReuseLevel.Transversal,
        "cross-sector" => ReuseLevel.CrossSector,
        "sector-specific" => ReuseLevel.SectorSpecific,
        "occupation-specific" => ReuseLevel.OccupationSpecific,
        "" => null,
        _ => throw new EscoImportException(row.File, row.Line, $"unknown reuseLevel '{row[2]}'."),
    };
}
