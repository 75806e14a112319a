using System.Diagnostics;
using SkillGraph.Student;
using SkillGraph.StudentLab;

var cmd = args.Length > 0 ? args[0] : "help";
var catalog = Data.LoadEsco();
Console.WriteLine($"catalog: {catalog.Count} skills, {catalog.Skills.Sum(s => s.AltLabels.Count)} alt labels");
switch (cmd)
{
    case "index":
    {
        using var enc = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2 });
        var sw = Stopwatch.StartNew();
        var index = SkillIndex.Build(catalog, enc, new Progress<(int Done, int Total)>(p => { if (p.Done % 10240 < 2048) Console.WriteLine($"  {p.Done}/{p.Total} {sw.Elapsed.TotalSeconds:F0}s"); }));
        var path = Path.Combine(Data.CacheDir, "labels.sgix");
        index.Save(path);
        Console.WriteLine($"index: {index.Preferred.Length} preferred + {index.Alt.Length} alt in {sw.Elapsed.TotalSeconds:F1}s -> {path} ({new FileInfo(path).Length / 1e6:F1} MB)");
        break;
    }
    case "explore":
    {
        var index = SkillIndex.Load(Path.Combine(Data.CacheDir, "labels.sgix"));
        index.EnsureMatches(catalog);
        using var enc = new MiniLmEncoder(new MiniLmOptions { IntraOpThreads = 2 });
        var tenc = new TextEncoder(enc);
        var sw = Stopwatch.StartNew();
        var sets = new List<EvalSet>
        {
            Eval.Prepare("tech", Data.LoadValidation(catalog, "tech", out _), tenc),
            Eval.Prepare("house", Data.LoadValidation(catalog, "house", out _), tenc),
            Eval.Prepare("dev", Data.LoadSkillSkape(catalog, "dev", out _), tenc),
        };
        Console.WriteLine($"encoded in {sw.Elapsed.TotalSeconds:F1}s; spans/query: {string.Join(" ", sets.Select(s => $"{s.Name}={s.Encoded.Average(e => e.SpanCount):F1}"))}");
        foreach (var beta in new[] { 0f, 0.5f, 1f })
        {
            var labels = Lab.LabelMatrix(index, beta);
            using var scorer = new SkillScorer(ScorerModel.Build(null, 384, labels, catalog.Count), 2);
            foreach (var alpha in new[] { 1f, 0.7f, 0.5f, 0.3f, 0f })
                foreach (var set in sets) Console.WriteLine($"beta {beta} alpha {alpha} {set.Name,-5} {Eval.Run(set, scorer, alpha)}");
        }
        break;
    }
    case "data":
    {
        foreach (var split in new[] { "train", "dev" }) { var d = Data.LoadSkillSkape(catalog, split, out var unk); Console.WriteLine($"skillskape {split}: {d.Count} sentences, {d.Sum(x => x.Gold.Length)} pairs, {unk} unknown labels, {d.Count(x => x.Gold.Length == 0)} empty"); }
        foreach (var v in new[] { "tech", "house" }) { var d = Data.LoadValidation(catalog, v, out var unk); Console.WriteLine($"{v}: {d.Count} queries, {d.Average(x => x.Gold.Length):F2} gold avg, {unk} unknown"); }
        break;
    }
}
