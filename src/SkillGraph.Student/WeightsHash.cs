using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SkillGraph.Student;

/// <summary>A trained model's version suffix: the first 8 hex digits of the SHA-256 of its weights, so two models that answer differently never share a name.</summary>
internal static class WeightsHash
{
    public static string Of(params ReadOnlySpan<float[]> weights)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var w in weights)
        {
            sha.AppendData(MemoryMarshal.AsBytes(w.AsSpan()));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..8];
    }
}
