using System.Diagnostics;
using System.Text.RegularExpressions;
using SkillGraph.Application.Features.Keys;

namespace SkillGraph.Tests.Architecture;

/// <summary>
/// docs/security.md, "Secrets": no file the repository tracks (<c>git ls-files</c>) holds something shaped like a secret —
/// an API key (<c>sg_</c> + 43 base64url characters), a private key block, or a signed JWT. Test fixtures that must hold
/// one are listed in <see cref="Allowed"/>, each with why (none today: tests make their keys at run time).
/// </summary>
public sealed partial class NoSecretsInRepositoryTests
{
    /// <summary>Path (from the repository's root) → why it may hold a secret-shaped string.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal);

    [Fact]
    public void NoTrackedFileHoldsAKeyShapedString()
    {
        var findings = new List<string>();
        foreach (var path in TrackedFiles())
        {
            var full = Path.Combine(TestPaths.RepositoryRoot, path);
            if (Allowed.ContainsKey(path) || !File.Exists(full) || new FileInfo(full).Length > 20 * 1024 * 1024)
            {
                continue;
            }

            findings.AddRange(SecretShapes.Find(File.ReadAllText(full)).Select(kind => $"{path}: {kind}"));
        }

        Assert.True(findings.Count == 0, "secret-shaped strings in tracked files:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void TheScanFindsEachShapeOfSecret()
    {
        var key = ApiKeySecret.New();
        var privateKey = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        var jwt = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiJ0ZXN0LWNhbGxlciJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

        Assert.Equal(["API key"], SecretShapes.Find($"X-Api-Key: {key}\n"));
        Assert.Equal(["private key"], SecretShapes.Find(privateKey));
        Assert.Equal(["JWT"], SecretShapes.Find($"Authorization: Bearer {jwt}"));
        Assert.Empty(SecretShapes.Find("sg_not-a-key sg_ + 43 base64url characters eyJ.eyJ."));
    }

    private static IEnumerable<string> TrackedFiles()
    {
        var info = new ProcessStartInfo("git", ["ls-files", "-z"]) { WorkingDirectory = TestPaths.RepositoryRoot, RedirectStandardOutput = true, UseShellExecute = false };
        using var git = Process.Start(info) ?? throw new InvalidOperationException("git did not start");
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git ls-files failed ({git.ExitCode}) in {TestPaths.RepositoryRoot}");
        var files = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(files.Length > 100, $"git ls-files listed only {files.Length} files");
        return files;
    }

    /// <summary>The shapes of secret looked for.</summary>
    private static partial class SecretShapes
    {
        public static List<string> Find(string text)
        {
            var found = new List<string>();
            if (ApiKey().IsMatch(text))
            {
                found.Add("API key");
            }

            if (PrivateKey().IsMatch(text))
            {
                found.Add("private key");
            }

            if (Jwt().IsMatch(text))
            {
                found.Add("JWT");
            }

            return found;
        }

        [GeneratedRegex(@"(?<![A-Za-z0-9_-])sg_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
        private static partial Regex ApiKey();

        [GeneratedRegex(@"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----")]
        private static partial Regex PrivateKey();

        [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}")]
        private static partial Regex Jwt();
    }
}
