namespace SkillGraph.Application.Authorization;

/// <summary>The roles an API key or a token carries (wire names in lower case: <c>analyst</c>, <c>app</c>, …).</summary>
public enum Role
{
    /// <summary>Writes GraphQL over the graph: reads only.</summary>
    Analyst,

    /// <summary>An internal application: reads and asks the student.</summary>
    App,

    /// <summary>A data steward: curates (applies, or proposes where review is required) and may spend on the teacher.</summary>
    Steward,

    /// <summary>Accepts or rejects stewards' proposals.</summary>
    Reviewer,

    /// <summary>Manages keys and applies any change directly.</summary>
    Admin,
}

/// <summary>
/// The one table of who may do what (docs/decisions/0014-roles-and-api-keys.md):
/// <list type="table">
/// <item><term>analyst</term><description>Read</description></item>
/// <item><term>app</term><description>Read, UseStudent</description></item>
/// <item><term>steward</term><description>Read, UseStudent, SpendTeacher, Propose, Apply</description></item>
/// <item><term>reviewer</term><description>Read, UseStudent, Review</description></item>
/// <item><term>admin</term><description>every permission</description></item>
/// </list>
/// </summary>
public static class Roles
{
    private static readonly Role[] All = Enum.GetValues<Role>();

    public static Permission Permissions(Role role) => role switch
    {
        Role.Analyst => Permission.Read,
        Role.App => Permission.Read | Permission.UseStudent,
        Role.Steward => Permission.Read | Permission.UseStudent | Permission.SpendTeacher | Permission.Propose | Permission.Apply,
        Role.Reviewer => Permission.Read | Permission.UseStudent | Permission.Review,
        Role.Admin => Permission.Read | Permission.UseStudent | Permission.SpendTeacher | Permission.Propose | Permission.Apply
            | Permission.Review | Permission.BypassReview | Permission.ManageKeys,
        _ => Permission.None,
    };

    /// <summary>The wire name: <c>analyst</c>, <c>app</c>, <c>steward</c>, <c>reviewer</c>, <c>admin</c>.</summary>
    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>Every role's wire name, in order, separated by <paramref name="separator"/>.</summary>
    public static string Names(string separator = ", ") => string.Join(separator, All.Select(Name));

    public static bool TryParse(string? text, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>The roles that hold every permission of <paramref name="permissions"/>.</summary>
    public static IEnumerable<Role> Having(Permission permissions) => All.Where(r => (Permissions(r) & permissions) == permissions);
}
