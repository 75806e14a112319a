namespace SkillGraph.Server.Tests.Fuzz;

/// <summary>
/// One HTTP request of the fuzzer: what it tries (<see cref="Kind"/>), and exactly what is sent. Case <see cref="Index"/>
/// of seed S is always the same request (<see cref="FuzzCases.Make"/>), so a failure is reproduced by its seed and index.
/// </summary>
public sealed record FuzzCase(int Index, string Kind, HttpMethod Method, string PathAndQuery, string? ContentType, byte[]? Body, string? Accept, bool SendKey, bool Chunked = false)
{
    /// <summary>The start of the body or query, for a failure's message.</summary>
    public string Preview
    {
        get
        {
            var text = Body is null ? PathAndQuery : System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 400));
            return text.Length > 300 ? text[..300] + $"… ({Body?.Length ?? PathAndQuery.Length} bytes)" : text;
        }
    }
}
