using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillGraph.Application.Features.Keys;

namespace SkillGraph.Server.Tests.Fuzz;

/// <summary>
/// Sends fuzz cases to a server (the test host or a real one) and judges every answer: no status 500 (nor any 5xx but the
/// time limit's 504), an answer that is a GraphQL response (JSON with data or errors; the GraphiQL page for a browser), every
/// error with a code, no field failing with an unhandled exception, every <c>LIMIT</c> naming its limit, and the
/// server still answering <c>/healthz</c> at the end. Refusals (4xx, or errors without data) are timed.
/// </summary>
public sealed class FuzzRun(HttpClient client, string? key)
{
    public async Task<FuzzReport> RunAsync(FuzzCases cases, int first, int count, int parallel = 4)
    {
        var report = new FuzzReport();
        var next = first - 1;
        async Task Worker()
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= first + count)
                {
                    return;
                }

                await SendAsync(cases.Make(index), report);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(Worker)));
        try
        {
            var health = await client.GetStringAsync("/healthz");
            if (health != "ok")
            {
                report.Fail(null, $"/healthz answered '{health}' after the run");
            }
        }
        catch (HttpRequestException ex)
        {
            report.Fail(null, $"/healthz failed after the run: {ex.Message}");
        }

        return report;
    }

    private async Task SendAsync(FuzzCase fuzz, FuzzReport report)
    {
        using var request = new HttpRequestMessage(fuzz.Method, fuzz.PathAndQuery);
        if (fuzz.Body is not null)
        {
            request.Content = fuzz.Chunked ? new StreamContent(new MemoryStream(fuzz.Body)) : new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        if (fuzz.Body is { Length: > 1024 * 1024 })
        {
            // Over what the server reads of a refused body (4 × maxRequestBytes): it answers 413 and closes the connection, so a
            // client sending that much asks first, as curl does (docs/security.md).
            request.Headers.ExpectContinue = true;
        }

        if (fuzz.Accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", fuzz.Accept);
        }

        if (fuzz.SendKey && key is not null)
        {
            request.Headers.Add(ApiKeySecret.Header, key);
        }

        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        string text;
        try
        {
            response = await client.SendAsync(request);
            text = await response.Content.ReadAsStringAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            report.Fail(fuzz, $"no answer: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        watch.Stop();
        using (response)
        {
            var status = (int)response.StatusCode;
            var problem = Judge(fuzz, response, status, text, out var refusal);
            report.Record(fuzz, status, watch.Elapsed, ServerTime(response), refusal);
            if (problem is not null)
            {
                report.Fail(fuzz, $"{status}: {problem}; answer: {(text.Length > 400 ? text[..400] + "…" : text)}");
            }
        }
    }

    /// <summary>The server's own time for the answer (<c>Server-Timing: app;dur=MS</c>, sent with <c>Diagnostics:ServerTiming</c>).</summary>
    private static TimeSpan? ServerTime(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }

        foreach (var part in string.Join(',', values).Split([',', ';'], StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("dur=", StringComparison.Ordinal)
                && double.TryParse(part.AsSpan(4), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds))
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        return null;
    }

    private static string? Judge(FuzzCase fuzz, HttpResponseMessage response, int status, string text, out bool refusal)
    {
        refusal = status >= 400;
        if (status >= 500 && status != (int)HttpStatusCode.GatewayTimeout)
        {
            return "a server error";
        }

        if (status is 414 or 431 && text.Length == 0)
        {
            return null; // Kestrel's own refusal of a request line or headers over its limits (a real server only)
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType == "text/html")
        {
            return status == 200 && fuzz.Method == HttpMethod.Get && fuzz.Accept == "text/html" ? null : "an HTML answer to a GraphQL request";
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null || (!body.ContainsKey("data") && !body.ContainsKey("errors")))
        {
            return "not a GraphQL response";
        }

        var errors = body["errors"] as JsonArray ?? [];
        refusal |= errors.Count > 0 && body["data"] is null;
        foreach (var error in errors)
        {
            var message = error?["message"]?.GetValue<string>() ?? "";
            var code = error?["extensions"]?["code"]?.GetValue<string>();
            if (message.StartsWith("Error trying to resolve field", StringComparison.Ordinal) || message.Contains("   at ", StringComparison.Ordinal))
            {
                return "a field failed with an unhandled exception";
            }

            if (string.IsNullOrEmpty(code))
            {
                return $"an error without a code ('{message}')";
            }

            if (code == "LIMIT" && !message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            {
                return $"a LIMIT that does not name its limit ('{message}')";
            }

            if (message.Contains('\n'))
            {
                return "an error message of more than one line";
            }
        }

        return null;
    }
}
