using SkillGraph.Domain;

namespace SkillGraph.Tests.Errors;

public sealed class ErrorTextTests
{
    [Fact]
    public void LineBreaksAndControlCharactersAreEscaped() =>
        Assert.Equal("uri: 'a\\nb\\u0000' is not a concept URI.", ErrorText.OneLine("uri: 'a\nb\0' is not a concept URI."));

    [Fact]
    public void ALongQuotedInputIsCutSayingHowLongItWas()
    {
        var message = ErrorText.OneLine($"uri: '{new string('x', 100_000)}' is not a concept URI.");

        Assert.Equal($"uri: '{new string('x', ErrorText.MaxQuoted - 1)}…' (100000 characters) is not a concept URI.", message);
    }

    [Fact]
    public void AShortMessageWithApostrophesIsUnchanged()
    {
        const string text = "the server's limit maxDepth = 15; 'software developer' isn't known.";

        Assert.Equal(text, ErrorText.OneLine(text));
    }
}
