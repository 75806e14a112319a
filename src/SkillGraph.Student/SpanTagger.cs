using System.Globalization;
using System.Numerics.Tensors;
using SkillGraph.Application.Features.Skills.ExtractSkills;

namespace SkillGraph.Student;

/// <summary>One word as the tagger sees it: the probabilities that it begins or continues a span, and where sentences end.</summary>
/// <param name="Begin">P(the word begins a span).</param>
/// <param name="Inside">P(the word continues a span).</param>
/// <param name="SentenceEnd">The word is a sentence-ending mark (<c>. ! ? ;</c>): no span continues past it.</param>
/// <param name="Punctuation">The word is a punctuation mark (trimmed from a span's edges when <see cref="SpanTagger.TrimPunctuation"/>).</param>
public readonly record struct TaggedWord(float Begin, float Inside, bool SentenceEnd = false, bool Punctuation = false);

/// <summary>
/// Proposes skill spans the way SkillSpan's annotators draw them (docs/decisions/0027): a begin/inside/outside logistic
/// regression over each word's first-subword state from the frozen encoder (with <see cref="Context"/> neighbouring words'
/// states beside it), decoded by <see cref="Decode"/>. Trained on SkillSpan train only (<c>skillgraph train-spans</c>);
/// a small file shipped beside the extractor heads. Thread-safe.
/// </summary>
public sealed class SpanTagger
{
    /// <summary>The file <c>skillgraph train-spans --out DIR</c> writes and hosts look for (under models/student) before the shipped one.</summary>
    public const string FileName = "span-tagger.bin";

    /// <summary>Where hosts look for a tagger trained on this machine before the shipped one.</summary>
    public static readonly string DefaultPath = Path.Combine("models", "student", FileName);

    const string Magic = "SGSPANT1";
    const string ResourceName = "SkillGraph.Student.Shipped.span-tagger.bin";
    const int D = MiniLmEncoder.Dimension;
    const int Classes = 3; // outside, begin, inside
    const int MaxTokens = 128;

    public SpanTagger(float[] weights, float[] bias, int context, float threshold, bool splitAtBegin, bool trimPunctuation, string version)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        if (weights.Length != Classes * Features(context) || bias.Length != Classes)
        {
            throw new ArgumentException($"a span tagger with context {context} has {Classes}×{Features(context)} weights and {Classes} biases.", nameof(weights));
        }

        (Weights, Bias, Context, Threshold, SplitAtBegin, TrimPunctuation, Version) = (weights, bias, context, threshold, splitAtBegin, trimPunctuation, version);
    }

    /// <summary>Rows outside, begin, inside; each <see cref="Features(int)"/> wide.</summary>
    public float[] Weights { get; }
    public float[] Bias { get; }
    /// <summary>Neighbouring words on each side whose states are features beside the word's own.</summary>
    public int Context { get; }
    /// <summary>A word is inside a span when P(begin) + P(inside) is at least this.</summary>
    public float Threshold { get; }
    /// <summary>A word more likely to begin than to continue a span starts a new one even right after another span's word.</summary>
    public bool SplitAtBegin { get; }
    /// <summary>Punctuation marks at a span's edges are left out.</summary>
    public bool TrimPunctuation { get; }
    public string Version { get; }

    /// <summary>Feature width for <paramref name="context"/> neighbours on each side.</summary>
    public static int Features(int context) => D * (1 + (2 * context));

    /// <summary>
    /// Spans (first word, last word; inclusive) from per-word probabilities: a word is in a span when P(begin) + P(inside) ≥
    /// <paramref name="threshold"/>; a span starts at such a word after one that is not, after a sentence end, or (with
    /// <paramref name="splitAtBegin"/>) where P(begin) &gt; P(inside); with <paramref name="trimPunctuation"/> a span loses the
    /// punctuation at its edges (and is dropped when nothing else is left).
    /// </summary>
    public static IReadOnlyList<(int First, int Last)> Decode(IReadOnlyList<TaggedWord> words, float threshold, bool splitAtBegin, bool trimPunctuation)
    {
        ArgumentNullException.ThrowIfNull(words);
        var spans = new List<(int, int)>();
        var start = -1;
        for (var w = 0; w <= words.Count; w++)
        {
            var inSpan = w < words.Count && words[w].Begin + words[w].Inside >= threshold;
            var breaks = !inSpan || start < 0 || words[w - 1].SentenceEnd || (splitAtBegin && words[w].Begin > words[w].Inside);
            if (start >= 0 && breaks)
            {
                Close(start, w - 1);
                start = -1;
            }

            if (inSpan && start < 0)
            {
                start = w;
            }
        }

        return spans;

        void Close(int first, int last)
        {
            while (trimPunctuation && first <= last && words[first].Punctuation) first++;
            while (trimPunctuation && last >= first && words[last].Punctuation) last--;
            if (first <= last) spans.Add((first, last));
        }
    }

    /// <summary>The tagged spans of each text (character offsets into it), from one encoder pass over the texts (each read up to 128 tokens).</summary>
    public IReadOnlyList<IReadOnlyList<TextSpan>> Tag(MiniLmEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(texts);
        var words = WordStates(encoder, texts, cancellationToken);
        return [.. Enumerable.Range(0, texts.Count).Select(t => Spans(texts[t], words[t].Words, words[t].States))];
    }

    /// <summary>
    /// The tagged spans of a chunk the extractor has already encoded (character offsets into <paramref name="text"/>), its words'
    /// states read from the chunk's own token states — no second encoder pass. Null when the chunk's tokens do not begin with
    /// the text's words' tokens (then <see cref="Tag"/> reads it).
    /// </summary>
    public IReadOnlyList<TextSpan>? TagEncoded(WordPieceTokenizer tokenizer, string text, int[] chunkTokenIds, TokenStates states, int row)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(chunkTokenIds);
        ArgumentNullException.ThrowIfNull(states);
        var (words, firsts, ids) = Tokenize(tokenizer, text);
        var n = ids.Count - 1; // without [SEP]: the chunk may go on with punctuation after its last word
        if (n > chunkTokenIds.Length || n > states.Length || !System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids)[..n].SequenceEqual(chunkTokenIds.AsSpan(0, n)))
        {
            return null;
        }

        var wordStates = new float[firsts.Count * D];
        for (var w = 0; w < firsts.Count; w++) states.Token(row, firsts[w]).CopyTo(wordStates.AsSpan(w * D, D));
        return Spans(text, words, wordStates);
    }

    /// <summary>The tagged spans of one text from its words and their states (count × 384, row-major).</summary>
    IReadOnlyList<TextSpan> Spans(string text, List<TextWord> found, float[] states)
    {
        var tagged = new TaggedWord[found.Count];
        for (var w = 0; w < found.Count; w++)
        {
            var p = Probabilities(states, found.Count, w);
            var word = text.AsSpan(found[w].Start, found[w].End - found[w].Start);
            tagged[w] = new TaggedWord(p[1], p[2], found[w].IsPunctuation && word is "." or "!" or "?" or ";", found[w].IsPunctuation);
        }

        return [.. Decode(tagged, Threshold, SplitAtBegin, TrimPunctuation).Select(s => new TextSpan(found[s.First].Start, found[s.Last].End))];
    }

    /// <summary>P(outside), P(begin), P(inside) of word <paramref name="w"/> of <paramref name="count"/> (states: count × 384, row-major).</summary>
    public float[] Probabilities(float[] states, int count, int w)
    {
        ArgumentNullException.ThrowIfNull(states);
        var x = FeatureRow(states, count, w, Context);
        var f = Features(Context);
        var p = new float[Classes];
        for (var c = 0; c < Classes; c++) p[c] = TensorPrimitives.Dot(Weights.AsSpan(c * f, f), x) + Bias[c];
        TensorPrimitives.SoftMax(p, p);
        return p;
    }

    /// <summary>The features of word <paramref name="w"/>: its state, then those of its neighbours left to right (zeros past the text's edges).</summary>
    public static float[] FeatureRow(float[] states, int count, int w, int context)
    {
        ArgumentNullException.ThrowIfNull(states);
        var x = new float[Features(context)];
        for (var k = -context; k <= context; k++)
        {
            var n = w + k;
            if (n < 0 || n >= count) continue;
            var slot = k == 0 ? 0 : k < 0 ? context + k + 1 : context + k;
            states.AsSpan(n * D, D).CopyTo(x.AsSpan(slot * D, D));
        }

        return x;
    }

    /// <summary>A text's words (BERT basic tokenization; those past 128 tokens left out), its [CLS] … [SEP] token ids and each word's first subword.</summary>
    static (List<TextWord> Words, List<int> Firsts, List<int> Ids) Tokenize(WordPieceTokenizer tokenizer, string text)
    {
        var ids = new List<int>(64) { WordPieceTokenizer.ClsId };
        var firsts = new List<int>();
        var words = new List<TextWord>();
        foreach (var word in WordPieceTokenizer.SplitWords(text))
        {
            var pieces = tokenizer.WordPieces(text.AsSpan(word.Start, word.End - word.Start));
            if (pieces.Length == 0) continue;
            if (ids.Count + pieces.Length + 1 > MaxTokens) break;
            words.Add(word);
            firsts.Add(ids.Count);
            ids.AddRange(pieces);
        }

        ids.Add(WordPieceTokenizer.SepId);
        return (words, firsts, ids);
    }

    /// <summary>
    /// Each text's words (BERT basic tokenization; those past 128 tokens are left out) with their first subword's state from one
    /// encoder pass (batches of 16).
    /// </summary>
    public static IReadOnlyList<(List<TextWord> Words, float[] States)> WordStates(MiniLmEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(texts);
        var sequences = new int[texts.Count][];
        var firsts = new List<int>[texts.Count];
        var words = new List<TextWord>[texts.Count];
        for (var t = 0; t < texts.Count; t++)
        {
            (words[t], firsts[t], var ids) = Tokenize(encoder.Tokenizer, texts[t]);
            sequences[t] = [.. ids];
        }

        var result = new (List<TextWord>, float[])[texts.Count];
        for (var s = 0; s < texts.Count; s += 16)
        {
            var n = Math.Min(16, texts.Count - s);
            var states = encoder.Run(sequences[s..(s + n)], cancellationToken);
            for (var j = 0; j < n; j++)
            {
                var first = firsts[s + j];
                var row = new float[first.Count * D];
                for (var w = 0; w < first.Count; w++) states.Token(j, first[w]).CopyTo(row.AsSpan(w * D, D));
                result[s + j] = (words[s + j], row);
            }
        }

        return result;
    }

    /// <summary>Writes the tagger atomically.</summary>
    public void Save(string path) => ModelFile.Write(path, Magic, writer =>
        {
            writer.Write(D);
            writer.Write(Context);
            writer.Write(Threshold);
            writer.Write(SplitAtBegin);
            writer.Write(TrimPunctuation);
            writer.Write(Version);
            foreach (var value in Weights.Concat(Bias)) writer.Write(value);
        });

    /// <summary>Reads a tagger file; throws <see cref="InvalidDataException"/> (one line, naming the file) when it is not one.</summary>
    public static SpanTagger Load(string path) => ModelFile.Load(path, Read);

    /// <summary>The tagger at <see cref="DefaultPath"/> when there is one, else the one shipped inside this assembly, else null.</summary>
    public static SpanTagger? LoadDefault() => File.Exists(DefaultPath) ? Load(DefaultPath) : LoadShipped();

    /// <summary>The tagger shipped inside this assembly (see its card), or null when none is.</summary>
    public static SpanTagger? LoadShipped() => ModelFile.Shipped(ResourceName, stream => Read(stream, "the shipped span tagger"));

    static SpanTagger Read(Stream stream, string what) => ModelFile.Read(stream, what, Magic, "span tagger", reader =>
        {
            var d = reader.ReadInt32();
            var context = reader.ReadInt32();
            if (d != D || context is < 0 or > 8)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{what} is a span tagger for {d}-dimensional states with context {context}; the encoder gives {D}."));
            }

            var threshold = reader.ReadSingle();
            var split = reader.ReadBoolean();
            var trim = reader.ReadBoolean();
            var version = reader.ReadString();
            var weights = new float[Classes * Features(context)];
            var bias = new float[Classes];
            for (var i = 0; i < weights.Length; i++) weights[i] = reader.ReadSingle();
            for (var i = 0; i < bias.Length; i++) bias[i] = reader.ReadSingle();
            if (stream.CanSeek && stream.Position != stream.Length)
            {
                throw new InvalidDataException($"{what} has bytes after the span tagger.");
            }

            return new SpanTagger(weights, bias, context, threshold, split, trim, version);
        });
}
