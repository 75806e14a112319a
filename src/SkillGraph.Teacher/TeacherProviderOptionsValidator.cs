using Microsoft.Extensions.Options;

namespace SkillGraph.Teacher;

/// <summary>
/// <see cref="TeacherProviderOptions.Validate"/> for the options pattern: a host that adds <c>ValidateOnStart()</c>
/// fails at start with every problem on one line (a real provider without its key, a bad timeout).
/// </summary>
public sealed class TeacherProviderOptionsValidator : IValidateOptions<TeacherProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, TeacherProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
