namespace SkillGraph.Teacher.Chat;

/// <summary>Tokens, calls and cost of a teacher, counted as answers come in (thread-safe). Cached answers cost nothing.</summary>
public sealed class TeacherUsage(decimal inputPricePerMillion = 0, decimal outputPricePerMillion = 0)
{
    private readonly Lock _lock = new();

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public int ModelCalls { get; private set; }

    public int CacheHits { get; private set; }

    public decimal Cost { get; private set; }

    public void AddCall(long inputTokens, long outputTokens)
    {
        lock (_lock)
        {
            InputTokens += inputTokens;
            OutputTokens += outputTokens;
            ModelCalls++;
            Cost += ((inputTokens * inputPricePerMillion) + (outputTokens * outputPricePerMillion)) / 1_000_000m;
        }
    }

    public void AddCacheHit()
    {
        lock (_lock)
        {
            CacheHits++;
        }
    }
}
