using BenchmarkDotNet.Running;
using SkillGraph.Bench;

if (args.Length > 0 && args[0] == "profile")
{
    return Profile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300, args.Length > 2 ? args[2] : null);
}

if (args.Length > 0 && args[0] == "student")
{
    if (Environment.GetEnvironmentVariable("SKILLGRAPH_BENCH_MALLOPT") != "0")
    {
        SkillGraph.Student.NativeMemoryTuning.ReturnFreedMemoryToSystem(); // as the server opens the student (0: glibc's defaults, to compare)
    }

    return StudentTiming.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1, args.Contains("--narrow-when-busy"), args.Contains("--batch"));
}

if (args.Length > 0 && args[0] == "hostile")
{
    return HostileTextTiming.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
}

if (args.Length > 0 && args[0] == "curation")
{
    // curation [SECONDS] [READERS] [ROUNDS] [COMPACT_AFTER]: issue 12's small-write targets (write latency, writes/s under reads, reads/s with and without writes).
    int Arg(int at, int fallback) => args.Length > at ? int.Parse(args[at], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return CurationLoad.Run(Arg(1, 10), Arg(2, 2), Arg(3, 2), args.Length > 4 ? Arg(4, 0) : null);
}

if (args.Length > 0 && args[0] == "verify")
{
    return AnswerCheck.Run(args.Length > 1 ? args[1] : null);
}

if (args.Length > 0 && args[0] == "tokenizers")
{
    // tokenizers [--dump FILE] [--rounds N]: ours against the served BERT tokenizers on the real sentences (docs/decisions/0010).
    var sentences = SkillGraph.Bench.Tokenizers.TokenizerSentences.Load(BenchStore.DataRoot);
    var vocabulary = SkillGraph.Bench.Tokenizers.MiniLmVocabulary.Load();
    var dump = Array.IndexOf(args, "--dump") is var d and > 0 && d + 1 < args.Length ? args[d + 1] : null;
    var rounds = Array.IndexOf(args, "--rounds") is var r and > 0 && r + 1 < args.Length ? int.Parse(args[r + 1], System.Globalization.CultureInfo.InvariantCulture) : 21;
    SkillGraph.Bench.Tokenizers.TokenizerIdentity.Run(sentences, SkillGraph.Student.MiniLmEncoder.CreateTokenizer(), vocabulary, dump);
    SkillGraph.Bench.Tokenizers.TokenizerTiming.Run(sentences, SkillGraph.Student.MiniLmEncoder.CreateTokenizer, vocabulary, rounds);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
