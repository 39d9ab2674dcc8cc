using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Clinical;

/// <summary>
/// An HL7 Infobutton URL-based request (Context-Aware Knowledge Retrieval, URL-based implementation guide) as far as
/// this API answers it. Parameters of the standard it does not use (patientPerson.*, taskContext.c.c, performer, holder,
/// encounter, locations ...) are ignored, as the guide asks of a knowledge resource; only what it uses is checked.
/// </summary>
public sealed record InfobuttonRequest(string? System, string? Oid, string? Code, IReadOnlyList<string> Candidates, string? DisplayName,
    string Recipient, string Locale, bool Json)
{
    public const string CodeParameter = "mainSearchCriteria.v.c";
    public const string SystemParameter = "mainSearchCriteria.v.cs";
    public const string DisplayParameter = "mainSearchCriteria.v.dn";
    public const string RecipientParameter = "informationRecipient";
    public const string LanguageParameter = "informationRecipient.languageCode.c";
    public const string ResponseTypeParameter = "knowledgeResponseType";
    public const string Atom = "text/xml";
    public const string JsonType = "application/json";

    /// <summary>The parameters answers depend on (the cache key holds these only: any other is ignored).</summary>
    public static readonly IReadOnlyList<string> Parameters = [CodeParameter, SystemParameter, DisplayParameter, RecipientParameter, LanguageParameter, ResponseTypeParameter];

    private static bool IsXmlText(string value)
    {
        try
        {
            global::System.Xml.XmlConvert.VerifyXmlChars(value);
            return true;
        }
        catch (global::System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>The request, or a 400 naming the parameter that is malformed.</summary>
    public static (InfobuttonRequest? Request, ProblemHttpResult? Problem) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var name in Parameters)
        {
            if (query[name].Count > 1)
            {
                return Bad($"'{name}' may be given once.", name);
            }

            // Checked as sent, before any trimming: the feed echoes these values, and XML cannot hold a control character.
            if (query[name] is { Count: 1 } sent && sent[0] is { } raw && (raw.Any(char.IsControl) || !IsXmlText(raw)))
            {
                return Bad($"'{name}' holds a control character or one XML cannot carry.", name);
            }
        }

        string? Value(string name) => query[name] is { Count: 1 } v && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        var code = Value(CodeParameter);
        var oid = Value(SystemParameter);
        var display = Value(DisplayParameter);
        var recipient = Value(RecipientParameter) ?? "PAT";
        var language = Value(LanguageParameter) ?? "en";
        var type = Value(ResponseTypeParameter) ?? Atom;

        if (code is null && display is null)
        {
            return Bad($"Give '{CodeParameter}' with '{SystemParameter}' (the code system's OID), or '{DisplayParameter}' (a display name to search for).", CodeParameter);
        }

        if (display is not null && (display.Length > 200 || display.Any(char.IsControl)))
        {
            return Bad($"'{DisplayParameter}' must be 1 to 200 characters of text.", DisplayParameter);
        }

        if (recipient is not ("PAT" or "PROV"))
        {
            return Bad($"'{RecipientParameter}' must be PAT (a patient) or PROV (a health care provider).", RecipientParameter);
        }

        if (!Delivery.DeliveryRules.IsLocale(language))
        {
            return Bad($"'{LanguageParameter}' must be a language code such as en or de-CH.", LanguageParameter);
        }

        if (type is not (Atom or JsonType))
        {
            return Bad($"'{ResponseTypeParameter}' must be {Atom} (an Atom 1.0 feed, the default) or {JsonType}.", ResponseTypeParameter);
        }

        string? system = null;
        IReadOnlyList<string> candidates = [];
        if (code is not null)
        {
            if (oid is null)
            {
                return Bad($"'{CodeParameter}' needs '{SystemParameter}': the OID of its code system (ICD-10-CM {CodeSystems.Oid(CodeSystems.Icd10Cm)}, SNOMED CT {CodeSystems.Oid(CodeSystems.SnomedCt)}, RxNorm {CodeSystems.Oid(CodeSystems.RxNorm)}).", SystemParameter);
            }

            if (!IsOid(oid))
            {
                return Bad($"'{SystemParameter}' must be an OID (digits separated by dots), for example {CodeSystems.Oid(CodeSystems.Icd10Cm)} for ICD-10-CM.", SystemParameter);
            }

            system = CodeSystems.ByOid(oid);
            if (system is not null)
            {
                code = system == CodeSystems.Icd10Cm ? code.ToUpperInvariant() : code;
                if (!CodeSystems.IsValid(system, code))
                {
                    return Bad($"'{CodeParameter}' is not a {CodeSystems.Name(system)} code.", CodeParameter);
                }

                candidates = system == CodeSystems.Icd10Cm ? CodeSystems.Icd10CmAncestry(code) : [code];
            }
            else if (code.Length > 100 || code.Any(char.IsControl))
            {
                return Bad($"'{CodeParameter}' must be at most 100 characters.", CodeParameter);
            }
        }

        return (new InfobuttonRequest(system, oid, code, candidates, display, recipient, language, type == JsonType), null);
    }

    private static bool IsOid(string value) =>
        value.Length <= 100 && value.Split('.') is { Length: >= 2 } arcs && arcs.All(a => a.Length is >= 1 and <= 20 && a.All(char.IsAsciiDigit) && (a == "0" || a[0] != '0'));

    private static (InfobuttonRequest?, ProblemHttpResult?) Bad(string detail, string parameter) => (null, Http.Problems.BadRequest(detail, parameter));
}
