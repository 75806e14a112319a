namespace SkillGraph.Application.Authorization;

/// <summary>
/// What a caller may do. A request declares the permissions it needs (<see cref="RequiresAttribute"/>); a role grants a
/// set of them (<see cref="Roles.Permissions"/>). Rights are listed, not ranked: a reviewer is not a steward plus more.
/// </summary>
[Flags]
public enum Permission
{
    None = 0,

    /// <summary>Read the graph: concepts, search, lists, walks, introspection (every request that declares nothing needs it).</summary>
    Read = 1 << 0,

    /// <summary>Ask the student models (extract skills, match a resume, suggest occupations for a text).</summary>
    UseStudent = 1 << 1,

    /// <summary>Ask the teacher, which may call a paid model (generate a job description).</summary>
    SpendTeacher = 1 << 2,

    /// <summary>Submit a change to the graph for review.</summary>
    Propose = 1 << 3,

    /// <summary>Apply a change whose kind needs no review.</summary>
    Apply = 1 << 4,

    /// <summary>Accept or reject a proposed change.</summary>
    Review = 1 << 5,

    /// <summary>Apply any change directly, even one whose kind needs review.</summary>
    BypassReview = 1 << 6,

    /// <summary>Create, list and revoke API keys.</summary>
    ManageKeys = 1 << 7,
}
