using System.Text.Json;
using SkillGraph.Bench.Peers;
using SkillGraph.Domain;

namespace SkillGraph.Bench;

/// <summary>
/// <c>SkillGraph.Bench verify [KUZU_JSON]</c>: compares the canonical answers of ours, SQLite and (given the report
/// of bench/peers/kuzu/run.mjs) Kùzu for every workload and parameter; exit code 1 on any difference.
/// </summary>
public static class AnswerCheck
{
    public static int Run(string? kuzuReport)
    {
        using var store = BenchStore.OpenForWorkloads();
        using var ours = new Workloads(store);
        using var sqlite = SqlitePeer.Build(BenchStore.EscoDirectory, PeerWorkloads.DefaultSqlitePath);
        JsonElement? kuzu = kuzuReport is null ? null : JsonDocument.Parse(File.ReadAllText(kuzuReport)).RootElement.GetProperty("workloads");
        int same = 0, different = 0;

        void Compare(string workload, string parameter, string mine, string theirs, string? kuzuAnswer)
        {
            var ok = mine == theirs && (kuzuAnswer is null || kuzuAnswer == Sha256(mine));
            Console.WriteLine($"{(ok ? "same" : "DIFFERENT")}  {workload,-24} {parameter}{(kuzuAnswer is null ? " (ours vs SQLite)" : " (ours vs SQLite vs Kùzu)")}");
            if (!ok)
            {
                var dump = Path.Combine(Path.GetTempPath(), "skillgraph-peers", $"diff-{workload}-{different}");
                Directory.CreateDirectory(Path.GetDirectoryName(dump)!);
                File.WriteAllText(dump + ".ours.json", mine);
                File.WriteAllText(dump + ".sqlite.json", theirs);
                Console.WriteLine($"  ours:   {Trim(mine)}\n  sqlite: {Trim(theirs)}\n  kuzu sha256: {kuzuAnswer ?? "-"}, ours: {Sha256(mine)}");
            }

            if (ok)
            {
                same++;
            }
            else
            {
                different++;
            }
        }

        // Kùzu's report carries the SHA-256 of its canonical answer bytes; compare ours by the same hash.
        string? Kuzu(string workload, string parameter) =>
            kuzu is { } k && k.TryGetProperty(workload, out var w) && w.TryGetProperty(parameter, out var p) && p.TryGetProperty("answerSha256", out var a)
                ? a.GetString()
                : null;

        foreach (var occupation in PeerWorkloads.Occupations)
        {
            var uri = ConceptUri.Parse(occupation);
            Compare(PeerWorkloads.OccupationContextName, occupation, ours.CanonicalContext(uri), Canonical.ToJson(sqlite.OccupationContext(occupation)), Kuzu(PeerWorkloads.OccupationContextName, occupation));
            Compare(PeerWorkloads.RelatedOccupationsName, occupation, ours.CanonicalRelated(uri), Canonical.ToJson(sqlite.RelatedOccupations(occupation, PeerWorkloads.RelatedTop)), Kuzu(PeerWorkloads.RelatedOccupationsName, occupation));
            var held = ours.HeldSkills(uri).Select(h => h.Value).ToList();
            Compare(PeerWorkloads.SkillGapName, occupation, ours.CanonicalGap(uri), Canonical.ToJson(sqlite.SkillGap(occupation, held)), Kuzu(PeerWorkloads.SkillGapName, occupation));
        }

        foreach (var skill in PeerWorkloads.Skills)
        {
            Compare(PeerWorkloads.SkillNeighbourhood2HopName, skill, ours.CanonicalNeighbourhood(ConceptUri.Parse(skill)), Canonical.ToJson(sqlite.SkillNeighbourhood2Hop(skill, PeerWorkloads.NeighbourhoodTop)), Kuzu(PeerWorkloads.SkillNeighbourhood2HopName, skill));
        }

        Console.WriteLine($"{same} passed, {different} failed");
        return different == 0 ? 0 : 1;
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string Trim(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
