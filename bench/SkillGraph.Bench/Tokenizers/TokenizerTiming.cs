using System.Diagnostics;
using System.Globalization;
using SkillGraph.Student;

namespace SkillGraph.Bench.Tokenizers;

/// <summary>
/// Tokenization speed over all the sentences, one thread: each workload once per round, the rounds interleaved (so all
/// see the same machine load), the median and the fastest round reported. Ours is timed through the calls the
/// student makes (<see cref="WordPieceTokenizer.Encode"/>, <see cref="TextSegmenter.Segment"/>) with its word cache
/// warm, and on the first sight of every distinct word (a fresh tokenizer per round) — against the same first sight
/// with Microsoft.ML.Tokenizers' WordPiece step in place of ours, the only part a served library could replace exactly.
/// </summary>
public static class TokenizerTiming
{
    public static void Run(IReadOnlyList<(string Set, string Text)> sentences, Func<WordPieceTokenizer> createOurs, MiniLmVocabulary vocabulary, int rounds)
    {
        var texts = sentences.Select(s => s.Text).ToArray();
        var ours = createOurs();
        var segmenter = new TextSegmenter(ours);
        var mlBert = vocabulary.MlBert();
        var mlWordPiece = vocabulary.MlWordPiece();
        var fastBert = vocabulary.FastBert();
        var distinctWords = texts.SelectMany(t => WordPieceTokenizer.SplitWords(t).Select(w => t.Substring(w.Start, w.End - w.Start)))
            .Distinct(StringComparer.Ordinal).ToArray();
        var fresh = new Queue<WordPieceTokenizer>();
        const int Warmup = 3;
        for (var i = 0; i < rounds + Warmup; i++)
        {
            fresh.Enqueue(createOurs());
        }

        (string Name, Func<long> Work)[] workloads =
        [
            ("ours: Encode, word cache warm", () => texts.Sum(t => (long)ours.Encode(t, int.MaxValue).Count)),
            ("ours: TextSegmenter.Segment, word cache warm", () => texts.Sum(t => (long)segmenter.Segment(t).Chunks.Sum(c => c.TokenIds.Length))),
            ($"ours: WordPieces of the {distinctWords.Length} distinct words, fresh tokenizer", () =>
            {
                var tokenizer = fresh.Dequeue();
                return distinctWords.Sum(w => (long)tokenizer.WordPieces(w).Length);
            }),
            ("the same words through Microsoft.ML.Tokenizers' WordPiece (our normalisation and locked word cache kept)", () =>
            {
                var cache = new Dictionary<string, int[]>(StringComparer.Ordinal);
                var gate = new Lock();
                foreach (var word in distinctWords)
                {
                    var key = WordPieceTokenizer.Normalize(word);
                    lock (gate)
                    {
                        if (cache.ContainsKey(key))
                        {
                            continue;
                        }
                    }

                    int[] ids = [.. mlWordPiece.EncodeToIds(key, considerPreTokenization: false, considerNormalization: false)];
                    lock (gate)
                    {
                        cache[key] = ids;
                    }
                }

                return cache.Count;
            }),
            ("ours: vocabulary load", () => createOurs().WordPieces("vocabulary").Length),
            ("Microsoft.ML.Tokenizers BertTokenizer.EncodeToTokens (ids + offsets)", () => texts.Sum(t => (long)mlBert.EncodeToTokens(t, out _).Count)),
            ("Microsoft.ML.Tokenizers BertTokenizer.EncodeToIds", () => texts.Sum(t => (long)mlBert.EncodeToIds(t).Count)),
            ("FastBertTokenizer Encode (ids)", () => texts.Sum(t => (long)fastBert.Encode(t, 100_000).InputIds.Length)),
        ];
        var times = workloads.Select(_ => new List<double>(rounds)).ToArray();
        long sink = 0;
        for (var round = 0; round < rounds + Warmup; round++)
        {
            for (var w = 0; w < workloads.Length; w++)
            {
                var started = Stopwatch.GetTimestamp();
                sink += workloads[w].Work();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (round >= Warmup)
                {
                    times[w].Add(elapsed);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timing: {texts.Length} sentences a pass, {rounds} rounds after {Warmup} warm-up rounds; load average {File.ReadAllText("/proc/loadavg").Trim()} (checksum {sink})"));
        Console.WriteLine("| workload | median ms | fastest ms | median µs per sentence |");
        Console.WriteLine("| --- | --- | --- | --- |");
        for (var w = 0; w < workloads.Length; w++)
        {
            times[w].Sort();
            var median = times[w][times[w].Count / 2];
            var perSentence = workloads[w].Name.Contains("words", StringComparison.Ordinal) || workloads[w].Name.Contains("vocabulary", StringComparison.Ordinal) ? "—" : (median * 1000 / texts.Length).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {workloads[w].Name} | {median:F2} | {times[w][0]:F2} | {perSentence} |"));
        }
    }
}
