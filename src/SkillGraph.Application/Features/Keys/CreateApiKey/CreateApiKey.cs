using System.Text.RegularExpressions;
using Mediator;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Common;

namespace SkillGraph.Application.Features.Keys.CreateApiKey;

/// <summary>A new API key named <paramref name="Name"/> with <paramref name="Role"/>; the answer holds the key, shown this once.</summary>
[Requires(Permission.ManageKeys)]
public sealed partial record CreateApiKey(string Name, Role Role) : ICommand<CreatedApiKey>, IValidatable
{
    public IEnumerable<string> Validate() =>
        Name is not null && NamePattern().IsMatch(Name) ? [] : [$"name: '{Name}' is not a key name (1–64 letters, digits, '.', '_' or '-', starting with a letter or digit)"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}

/// <summary>The key made: <paramref name="Key"/> is the only copy there will ever be.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);
