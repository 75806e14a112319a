#:project ../SkillGraph.Bench.Peers.csproj
#:property PublishAot=false
// SQLite peer runner: builds (or reuses) the SQLite database, runs the four workloads for every parameter of
// PeerWorkloads and prints the same JSON document as bench/peers/kuzu/run.mjs (answers + rough timings).
//   dotnet run --file check/PeerCheck.cs -c Release [-- --answers-only]
// Environment: SKILLGRAPH_DATA (default /work/shared/data), SKILLGRAPH_SQLITE_DB (default /tmp/skillgraph-sqlite/esco-v1.1.1.db),
// BENCH_MIN_RUNS (200), BENCH_MIN_MS (2000), BENCH_MAX_MS (30000), BENCH_WARMUP (20): same timing rule as run.mjs.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillGraph.Bench.Peers;

var esco = PeerWorkloads.EscoDirectory;
var dbPath = PeerWorkloads.DefaultSqlitePath;
var answersOnly = args.Contains("--answers-only");
var minRuns = Env("BENCH_MIN_RUNS", 200);
var minMs = Env("BENCH_MIN_MS", 2000);
var warmup = Env("BENCH_WARMUP", 20);
var maxMs = Env("BENCH_MAX_MS", 30000);

var existed = File.Exists(dbPath);
var sw = Stopwatch.StartNew();
using var peer = SqlitePeer.Build(esco, dbPath);
var openMs = sw.Elapsed.TotalMilliseconds;
Console.Error.WriteLine($"[sqlite] {(existed ? "reused" : "built")} {dbPath} in {openMs:F0} ms; " +
    string.Join(' ', peer.Stats.Select(kv => $"{kv.Key}={kv.Value}")));

var workloads = new JsonObject
{
    [PeerWorkloads.OccupationContextName] = new JsonObject(),
    [PeerWorkloads.RelatedOccupationsName] = new JsonObject(),
    [PeerWorkloads.SkillGapName] = new JsonObject(),
    [PeerWorkloads.SkillNeighbourhood2HopName] = new JsonObject(),
};

foreach (var o in PeerWorkloads.Occupations)
{
    Run(PeerWorkloads.OccupationContextName, o, () => peer.OccupationContext(o), Canonical.ToJson);
    Run(PeerWorkloads.RelatedOccupationsName, o, () => peer.RelatedOccupations(o, PeerWorkloads.RelatedTop), Canonical.ToJson);
    var held = PeerWorkloads.HeldSkills(peer.EssentialSkillUris(o));
    Run(PeerWorkloads.SkillGapName, o, () => peer.SkillGap(o, held.ToArray()), Canonical.ToJson);
}

foreach (var s in PeerWorkloads.Skills)
{
    Run(PeerWorkloads.SkillNeighbourhood2HopName, s, () => peer.SkillNeighbourhood2Hop(s, PeerWorkloads.NeighbourhoodTop), Canonical.ToJson);
}

var output = new JsonObject
{
    ["engine"] = $"sqlite {peer.SqliteVersion}",
    ["settings"] = new JsonObject { ["minRuns"] = minRuns, ["minMs"] = minMs, ["maxMs"] = maxMs, ["warmup"] = warmup },
    ["buildMs"] = existed ? null : JsonValue.Create(Math.Round(openMs)),
    ["openMs"] = existed ? JsonValue.Create(Math.Round(openMs)) : null,
    ["rssMiB"] = Environment.WorkingSet / 1048576,
    ["stats"] = new JsonObject(peer.Stats.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
    ["workloads"] = workloads,
};
Console.Out.Write(output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
return 0;

void Run<T>(string name, string param, Func<T> fn, Func<T, string> canon)
{
    var answer = canon(fn());
    var entry = new JsonObject();
    var summary = string.Empty;
    if (!answersOnly)
    {
        for (var i = 0; i < warmup; i++)
        {
            fn();
        }

        var samples = new List<double>();
        var start = Stopwatch.GetTimestamp();
        // Timed calls until both >= minRuns calls and >= minMs have passed (capped at maxMs per measurement).
        for (;;)
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if ((samples.Count >= minRuns && elapsed >= minMs) || (samples.Count >= 10 && elapsed >= maxMs))
            {
                break;
            }

            var t = Stopwatch.GetTimestamp();
            fn();
            samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        samples.Sort();
        double Q(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Floor(p * samples.Count))];
        entry["medianMs"] = Math.Round(Q(0.5), 3);
        entry["p95Ms"] = Math.Round(Q(0.95), 3);
        entry["runs"] = samples.Count;
        summary = $"median {Q(0.5):F3} ms p95 {Q(0.95):F3} ms ({samples.Count} runs)";
    }

    entry["answerSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(answer)));
    entry["answer"] = JsonNode.Parse(answer);
    ((JsonObject)workloads[name]!)[param] = entry;
    Console.Error.WriteLine($"[sqlite] {name} {param[(param.LastIndexOf('/') + 1)..]} {summary}");
}

static int Env(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
