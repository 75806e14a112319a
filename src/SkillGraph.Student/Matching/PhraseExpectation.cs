using System.Globalization;
using System.Numerics.Tensors;

namespace SkillGraph.Student.Matching;

/// <summary>
/// How well a strong resume is expected to support one phrase of a job (its MiniLM vector): a linear map fitted by the match
/// trainer on the training triples' matched resumes (ridge regression of the best support a matched resume gave each job phrase).
/// A phrase that says who the employer is or what a day looks like is seldom met by any resume, a concrete requirement usually
/// is; the matcher weighs a resume by how far it falls short of that expectation, not by the raw support, so that an ad's
/// way of writing moves the score less (decision 0045). It depends on the job alone, so the features stay monotone in the resume.
/// </summary>
public sealed class PhraseExpectation : IEquatable<PhraseExpectation>
{
    private readonly float[] _weights;

    public PhraseExpectation(float[] weights, float bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != MiniLmEncoder.Dimension)
        {
            throw new ArgumentException($"a phrase expectation has {MiniLmEncoder.Dimension} weights, not {weights.Length}", nameof(weights));
        }

        _weights = [.. weights];
        Bias = bias;
        Fingerprint = WeightsHash.Of([.. _weights, bias]);
    }

    public ReadOnlySpan<float> Weights => _weights;

    public float Bias { get; }

    /// <summary>A short hash of the weights: two expectations with the same fingerprint compute the same features.</summary>
    public string Fingerprint { get; }

    /// <summary>The support a strong resume is expected to give the phrase whose unit vector is <paramref name="phrase"/>.</summary>
    public float Expected(ReadOnlySpan<float> phrase) => TensorPrimitives.Dot(_weights, phrase) + Bias;

    /// <summary>The weights and the bias as a match head's metadata value: the bias, then the weights, round-trip floats separated by spaces.</summary>
    public string ToMetadata() => string.Join(' ', _weights.Prepend(Bias).Select(w => w.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="ToMetadata"/>'s value.</summary>
    /// <exception cref="FormatException">the value is not 385 numbers.</exception>
    public static PhraseExpectation FromMetadata(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != MiniLmEncoder.Dimension + 1)
        {
            throw new FormatException($"phrase_expectation holds {parts.Length} numbers, not {MiniLmEncoder.Dimension + 1}");
        }

        var numbers = parts.Select(p => float.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        return new PhraseExpectation(numbers[1..], numbers[0]);
    }

    public bool Equals(PhraseExpectation? other) => other is not null && other.Bias.Equals(Bias) && other._weights.AsSpan().SequenceEqual(_weights);

    public override bool Equals(object? obj) => Equals(obj as PhraseExpectation);

    public override int GetHashCode() => Fingerprint.GetHashCode(StringComparison.Ordinal);

    /// <summary>The fingerprint (a feature cache's stamp names the expectation by it).</summary>
    public override string ToString() => $"PhraseExpectation {Fingerprint}";
}
