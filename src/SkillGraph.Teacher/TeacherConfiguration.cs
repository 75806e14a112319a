using Microsoft.Extensions.Configuration;

namespace SkillGraph.Teacher;

/// <summary>
/// The documented teacher variables (README "Configure the teacher") as keys of the <see cref="TeacherProviderOptions.Section"/>
/// section, for the hosts to add to their configuration before they bind <see cref="TeacherProviderOptions"/>. It reads
/// only the configuration it is given (the hosts' includes the environment), and fills only the keys that
/// configuration leaves open: <c>Teacher:*</c> first, then SKILLGRAPH_TEACHER_*, then the provider's own variables.
/// </summary>
public static class TeacherConfiguration
{
    /// <summary>
    /// <c>Teacher:Model</c> ← SKILLGRAPH_TEACHER_MODEL, OPENAI_MODEL (AZURE_OPENAI_MODEL for azure);
    /// <c>Teacher:Endpoint</c> ← SKILLGRAPH_TEACHER_ENDPOINT, OPENAI_BASE_URL (AZURE_OPENAI_ENDPOINT);
    /// <c>Teacher:ApiKey</c> ← SKILLGRAPH_TEACHER_API_KEY, OPENAI_API_KEY (AZURE_OPENAI_API_KEY);
    /// for azure <c>Teacher:Deployment</c> ← AZURE_OPENAI_DEPLOYMENT and <c>Teacher:ApiVersion</c> ← AZURE_OPENAI_API_VERSION;
    /// <c>Teacher:ReplayDirectory</c> ← SKILLGRAPH_REPLAY_DIR, else SKILLGRAPH_DATA/skillskape; <c>Teacher:ReplaySplit</c> ← SKILLGRAPH_REPLAY_SPLIT;
    /// <c>Teacher:InputPricePerMillion</c> / <c>OutputPricePerMillion</c> ← SKILLGRAPH_TEACHER_INPUT_PRICE / _OUTPUT_PRICE.
    /// The provider is <c>Teacher:Provider</c> as configured (offline when unset).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> FromDocumentedVariables(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? First(params string[] keys) => keys.Select(k => configuration[k]).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var azure = configuration[Key("Provider")] is { } provider && IsAzure(provider);
        var dataDirectory = First("SKILLGRAPH_DATA");
        var mapped = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Model"] = First("SKILLGRAPH_TEACHER_MODEL", azure ? "AZURE_OPENAI_MODEL" : "OPENAI_MODEL"),
            ["Endpoint"] = First("SKILLGRAPH_TEACHER_ENDPOINT", azure ? "AZURE_OPENAI_ENDPOINT" : "OPENAI_BASE_URL"),
            ["ApiKey"] = First("SKILLGRAPH_TEACHER_API_KEY", azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"),
            ["Deployment"] = azure ? First("AZURE_OPENAI_DEPLOYMENT") : null,
            ["ApiVersion"] = azure ? First("AZURE_OPENAI_API_VERSION") : null,
            ["ReplayDirectory"] = First("SKILLGRAPH_REPLAY_DIR") ?? (dataDirectory is null ? null : Path.Combine(dataDirectory, "skillskape")),
            ["ReplaySplit"] = First("SKILLGRAPH_REPLAY_SPLIT"),
            ["InputPricePerMillion"] = First("SKILLGRAPH_TEACHER_INPUT_PRICE"),
            ["OutputPricePerMillion"] = First("SKILLGRAPH_TEACHER_OUTPUT_PRICE"),
        };
        return mapped
            .Where(m => m.Value is not null && string.IsNullOrWhiteSpace(configuration[Key(m.Key)]))
            .ToDictionary(m => Key(m.Key), m => m.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static string Key(string name) => TeacherProviderOptions.Section + ConfigurationPath.KeyDelimiter + name;

    private static bool IsAzure(string provider)
    {
        try
        {
            return TeacherProviderOptions.ParseKind(provider) == TeacherProviderKind.AzureOpenAI;
        }
        catch (ArgumentException)
        {
            return false; // an unknown name is reported when the options are bound
        }
    }
}
