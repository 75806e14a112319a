namespace SkillGraph.Domain;

/// <summary>
/// FNV-1a over the UTF-16 code units of a text: the same number on every run and platform (unlike
/// <c>string.GetHashCode</c>, which is randomised per process). For seeds, splits, jitter and fingerprints — not security.
/// </summary>
public static class StableHash
{
    public const uint Offset32 = 2166136261u;
    public const uint Prime32 = 16777619u;
    public const ulong Offset64 = 14695981039346656037UL;
    public const ulong Prime64 = 1099511628211UL;

    /// <summary>32-bit FNV-1a of <paramref name="text"/>, continuing from <paramref name="state"/> (start: <see cref="Offset32"/>, or it XOR a seed).</summary>
    public static uint Fnv1a32(ReadOnlySpan<char> text, uint state = Offset32)
    {
        foreach (var c in text)
        {
            state = (state ^ c) * Prime32;
        }

        return state;
    }

    /// <summary>64-bit FNV-1a of <paramref name="text"/>, continuing from <paramref name="state"/> (start: <see cref="Offset64"/>, or it XOR a seed).</summary>
    public static ulong Fnv1a64(ReadOnlySpan<char> text, ulong state = Offset64)
    {
        foreach (var c in text)
        {
            state = Step64(state, c);
        }

        return state;
    }

    /// <summary>One 64-bit FNV-1a step: <paramref name="state"/> XOR <paramref name="value"/>, times the prime (e.g. a separator between fields).</summary>
    public static ulong Step64(ulong state, ulong value) => (state ^ value) * Prime64;
}
