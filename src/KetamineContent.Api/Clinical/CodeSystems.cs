namespace KetamineContent.Api.Clinical;

/// <summary>A code of a terminology: <c>system</c> is icd-10-cm, snomed-ct or rxnorm; <c>display</c> the system's name for it (null when not given).</summary>
public sealed record CodeDocument(string System, string Code, string? Display = null);

/// <summary>
/// The terminologies codes may come from, with the OIDs HL7 gives them (what an Infobutton request names in
/// mainSearchCriteria.v.cs) and the names schema.org's MedicalCode.codingSystem uses.
/// </summary>
public static class CodeSystems
{
    public const string Icd10Cm = "icd-10-cm";
    public const string SnomedCt = "snomed-ct";
    public const string RxNorm = "rxnorm";

    public static readonly IReadOnlyList<(string System, string Oid, string Name)> All =
    [
        (Icd10Cm, "2.16.840.1.113883.6.90", "ICD-10-CM"),
        (SnomedCt, "2.16.840.1.113883.6.96", "SNOMED CT"),
        (RxNorm, "2.16.840.1.113883.6.88", "RxNorm"),
    ];

    public static bool IsKnown(string? system) => All.Any(s => s.System == system);

    public static string? ByOid(string oid) => All.FirstOrDefault(s => s.Oid == oid).System;

    public static string Oid(string system) => All.First(s => s.System == system).Oid;

    public static string Name(string system) => All.First(s => s.System == system).Name;

    /// <summary>
    /// Whether a code has the shape its system gives codes (the rule migrations/0025_clinical.sql also enforces), and for
    /// SNOMED CT a valid Verhoeff check digit and a concept's partition identifier (00 or 10: a concept, not a description).
    /// </summary>
    public static bool IsValid(string system, string? code) => code is not null && system switch
    {
        Icd10Cm => code.Length is >= 3 and <= 8 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiDigit(code[1]) && IsUpperOrDigit(code[2])
                   && (code.Length == 3 || (code[3] == '.' && code.Length >= 5 && code[4..].All(IsUpperOrDigit))),
        SnomedCt => code.Length is >= 6 and <= 18 && code[0] != '0' && code.All(char.IsAsciiDigit) && code[^3..^1] is "00" or "10" && Verhoeff(code),
        RxNorm => code.Length is >= 1 and <= 10 && code[0] != '0' && code.All(char.IsAsciiDigit),
        _ => false,
    };

    /// <summary>An ICD-10-CM code and its ancestors, the code itself first: F32.A9 → F32.A9, F32.A, F32.</summary>
    public static IReadOnlyList<string> Icd10CmAncestry(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var chain = new List<string>();
        for (var end = code.Length; end >= 3; end--)
        {
            var prefix = code[..end];
            if (!prefix.EndsWith('.'))
            {
                chain.Add(prefix);
            }
        }

        return chain;
    }

    private static bool IsUpperOrDigit(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    private static readonly int[,] Multiplication =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 },
        { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 }, { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
        { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] Permutation =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 }, { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 },
        { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 }, { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    /// <summary>The Verhoeff check SNOMED CT identifiers end with (digits read from the right).</summary>
    private static bool Verhoeff(string digits)
    {
        var check = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            check = Multiplication[check, Permutation[i % 8, digits[digits.Length - 1 - i] - '0']];
        }

        return check == 0;
    }
}
