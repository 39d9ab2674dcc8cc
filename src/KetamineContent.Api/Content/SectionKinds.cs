namespace KetamineContent.Api.Content;

/// <summary>The typed sections of a treatment article. The first three are required in every revision.</summary>
public static class SectionKinds
{
    public const string Overview = "overview";
    public const string Mechanism = "mechanism";
    public const string WhatToExpect = "what_to_expect";
    public const string SideEffects = "side_effects";
    public const string Evidence = "evidence";
    public const string Alternatives = "alternatives";
    public const string Risks = "risks";
    public const string Conclusion = "conclusion";

    public static readonly IReadOnlyList<string> Required = [Mechanism, WhatToExpect, SideEffects];

    public static readonly IReadOnlyList<string> All =
        [Overview, Mechanism, WhatToExpect, SideEffects, Evidence, Alternatives, Risks, Conclusion];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}
