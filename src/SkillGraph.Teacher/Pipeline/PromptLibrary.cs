using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.SemanticKernel;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Pipeline;

/// <summary>A versioned prompt template, kept as a file in Prompts/ and embedded in the assembly.</summary>
public sealed class TeacherPrompt
{
    internal TeacherPrompt(string task, int version, string template)
    {
        Task = task;
        Version = version;
        Template = template;
        TemplateHash = TeacherHashes.Sha256(template);
        Function = KernelFunctionFactory.CreateFromPrompt(new PromptTemplateConfig(template)
        {
            Name = task.Replace('-', '_') + "_v" + version,
            TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat,
            InputVariables =
            [
                new InputVariable { Name = "input", IsRequired = true },
                new InputVariable { Name = "feedback", IsRequired = false, Default = string.Empty },
            ],
        });
    }

    public string Task { get; }

    public int Version { get; }

    /// <summary>The file name: <c>{task}.v{version}.prompt.txt</c>.</summary>
    public string Name => $"{Task}.v{Version}";

    public string Template { get; }

    public string TemplateHash { get; }

    /// <summary>The template as an SK prompt function: SK renders it and calls the kernel's chat service.</summary>
    public KernelFunction Function { get; }
}

/// <summary>The prompts of the teacher, loaded once from the embedded Prompts/*.prompt.txt.</summary>
public static class PromptLibrary
{
    private static readonly Lazy<IReadOnlyDictionary<string, TeacherPrompt>> Prompts = new(Load);

    public static TeacherPrompt JobDescription => Prompts.Value[TeachingTasks.JobDescription];

    public static TeacherPrompt Resumes => Prompts.Value[TeachingTasks.Resumes];

    public static TeacherPrompt Sentences => Prompts.Value[TeachingTasks.Sentences];

    public static IReadOnlyCollection<TeacherPrompt> All => [.. Prompts.Value.Values];

    private static Dictionary<string, TeacherPrompt> Load()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        var prompts = new Dictionary<string, TeacherPrompt>(StringComparer.Ordinal);
        foreach (var (task, version) in new[] { (TeachingTasks.JobDescription, 2), (TeachingTasks.Resumes, 2), (TeachingTasks.Sentences, 1) })
        {
            var resource = $"SkillGraph.Teacher.Prompts.{task}.v{version}.prompt.txt";
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"the prompt {resource} is not embedded in {assembly.GetName().Name}.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            prompts[task] = new TeacherPrompt(task, version, reader.ReadToEnd().ReplaceLineEndings("\n"));
        }

        return prompts;
    }
}

/// <summary>Reading the machine-readable <c>### INPUT</c> block back out of a rendered prompt.</summary>
public static class TeachingPromptText
{
    public const string InputHeading = "### INPUT";

    /// <summary>The input block of <paramref name="message"/> (the last one when there are several); null when there is none.</summary>
    public static TeachingInput? ReadInput(string message)
    {
        var heading = message.LastIndexOf(InputHeading, StringComparison.Ordinal);
        if (heading < 0)
        {
            return null;
        }

        var start = message.IndexOf("```json", heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += "```json".Length;
        var end = message.IndexOf("```", start, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        return JsonSerializer.Deserialize<TeachingInput>(message[start..end], TeacherJson.Options);
    }

    /// <summary>
    /// The JSON object in a model's answer: the whole answer, or the part between the first '{' and the last '}'
    /// (models like to wrap JSON in prose or code fences).
    /// </summary>
    public static string ExtractJson(string answer)
    {
        var first = answer.IndexOf('{', StringComparison.Ordinal);
        var last = answer.LastIndexOf('}');
        return first >= 0 && last > first ? answer[first..(last + 1)] : answer;
    }
}

public static class TeacherHashes
{
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
