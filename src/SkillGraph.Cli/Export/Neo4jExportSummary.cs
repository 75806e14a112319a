namespace SkillGraph.Cli.Export;

/// <summary>What <see cref="Neo4jCsvExporter"/> wrote: rows per file (header files not counted), node and relationship totals.</summary>
internal sealed record Neo4jExportSummary(IReadOnlyDictionary<string, long> RowsByFile, long Nodes, long Relationships);
