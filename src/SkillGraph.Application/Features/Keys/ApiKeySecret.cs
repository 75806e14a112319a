using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SkillGraph.Application.Features.Keys;

/// <summary>
/// API keys: <c>sg_</c> and 32 random bytes in base64url (256 bits, so a fast hash is enough: nothing to guess), stored
/// as the lower-case hex SHA-256 of the whole key. A presented key is hashed and looked up by that hash, so the lookup
/// time tells nothing about how much of a stored key was guessed.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "sg_";

    /// <summary>The header that carries a key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>A new key, from the system's cryptographic random generator.</summary>
    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
