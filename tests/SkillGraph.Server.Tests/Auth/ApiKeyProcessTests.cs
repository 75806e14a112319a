using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SkillGraph.Application.Features.Keys;

namespace SkillGraph.Server.Tests.Auth;

/// <summary>
/// As an operator does it: <c>skillgraph keys create</c> makes a key, the real server process (outside Development,
/// every log category at Trace) accepts it, <c>keys revoke</c> takes it back within the refresh interval, and the
/// server's whole log never holds the key.
/// </summary>
public sealed partial class ApiKeyProcessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "skillgraph-keys-process-" + Guid.NewGuid().ToString("N"));

    private string Db => Path.Combine(_directory, "store.db");

    [Fact]
    public async Task AKeyFromTheCliWorksAgainstTheServerIsRevokedByItAndIsNeverLogged()
    {
        Directory.CreateDirectory(_directory);
        var (created, key, createErr) = await CliAsync("keys", "create", "--role", "app", "--name", "careers-site");
        Assert.True(created == 0, createErr);
        key = key.Trim();

        var log = new StringBuilder();
        using var server = StartServer(log);
        try
        {
            var url = await ListeningUrlAsync(server, log);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            using var keyed = new HttpClient { BaseAddress = new Uri(url) };
            keyed.DefaultRequestHeaders.Add(ApiKeySecret.Header, key);
            using var wrong = new HttpClient { BaseAddress = new Uri(url) };
            wrong.DefaultRequestHeaders.Add(ApiKeySecret.Header, key[..^4] + "AAAA");

            Assert.Equal(HttpStatusCode.Unauthorized, (await GraphQLAnswer.PostAsync(client, "{ __typename }")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await GraphQLAnswer.PostAsync(wrong, "{ __typename }")).Status);
            var search = await GraphQLAnswer.PostAsync(keyed, """{ search(text: "software developer", first: 1) { uri } }""");
            Assert.True(search.Status == HttpStatusCode.OK && search.Codes.Count == 0, search.ToString());
            var teacher = await GraphQLAnswer.PostAsync(keyed, """{ generateJobDescription(occupationUri: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1") { title } }""");
            Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (teacher.Status, teacher.Codes.Single()));

            var (revoked, _, revokeErr) = await CliAsync("keys", "revoke", "careers-site");
            Assert.True(revoked == 0, revokeErr);
            var refusedAfter = Stopwatch.StartNew();
            while ((await GraphQLAnswer.PostAsync(keyed, "{ __typename }")).Status != HttpStatusCode.Unauthorized)
            {
                Assert.True(refusedAfter.Elapsed < TimeSpan.FromSeconds(10), "the revoked key was still accepted after 10 s (Auth:KeyRefresh is 1 s here)");
                await Task.Delay(100);
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        string text;
        lock (log)
        {
            text = log.ToString();
        }

        Assert.Contains("Request starting", text, StringComparison.Ordinal); // the log was written, at Trace
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key[3..20], text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeySecret.Hash(key), text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The CLI as built by the solution (this project only orders its build).</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(params string[] args)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var cli = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillGraph.Cli", "bin", configuration, "net10.0", "skillgraph.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(cli);
        foreach (var arg in args.Concat(["--db", Db]))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    private Process StartServer(StringBuilder log)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _directory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SkillGraph.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.ArgumentList.Add("--db");
        info.ArgumentList.Add(Db);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Trace";
        info.Environment["Logging__LogLevel__Microsoft"] = "Trace";
        info.Environment["Auth__KeyRefresh"] = "00:00:01";
        info.Environment.Remove("SKILLGRAPH_DB");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> ListeningUrlAsync(Process server, StringBuilder log)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            lock (log)
            {
                if (ListeningOn().Match(log.ToString()) is { Success: true } match)
                {
                    return match.Groups[1].Value;
                }
            }

            Assert.False(server.HasExited, $"the server stopped: {log}");
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"the server did not say where it listens: {log}");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
