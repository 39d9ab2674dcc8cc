namespace KetamineContent.Api.Access;

/// <summary>Roles and the policies built on them: each role has the rights of the ones before it.</summary>
public static class Roles
{
    /// <summary>Reads drafts through /v1/preview (a front end's draft mode); writes nothing.</summary>
    public const string Previewer = "previewer";
    public const string Editor = "editor";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Previewer, Editor, Reviewer, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>Policy names, one per role: a caller satisfies a policy when its role is at least that one.</summary>
    public static class Policies
    {
        public const string Previewer = "role:previewer";
        public const string Editor = "role:editor";
        public const string Reviewer = "role:reviewer";
        public const string Admin = "role:admin";
    }
}
