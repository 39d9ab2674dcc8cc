using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace KetamineContent.Api.Clinical;

/// <summary>The query parameters of GET /v1/infobutton this API uses (names as the HL7 URL-based implementation guide gives them).</summary>
public sealed record InfobuttonParameters
{
    [Description("The code of the problem, medication or finding on screen, for example F32.9 (ICD-10-CM), 35489007 (SNOMED CT) or an RxNorm RxCUI.")]
    [FromQuery(Name = InfobuttonRequest.CodeParameter)]
    public string? Code { get; init; }

    [Description("The OID of the code's system: ICD-10-CM 2.16.840.1.113883.6.90, SNOMED CT 2.16.840.1.113883.6.96, RxNorm 2.16.840.1.113883.6.88. Another well-formed OID matches nothing (an empty feed).")]
    [FromQuery(Name = InfobuttonRequest.SystemParameter)]
    public string? CodeSystem { get; init; }

    [Description("The concept's display name; searched as text (any of its words) when no code is given or the code matches nothing.")]
    [FromQuery(Name = InfobuttonRequest.DisplayParameter)]
    public string? DisplayName { get; init; }

    [Description("PAT (a patient, the default) or PROV (a health care provider); the content is written for patients either way and the feed echoes it.")]
    [FromQuery(Name = InfobuttonRequest.RecipientParameter)]
    public string? Recipient { get; init; }

    [Description("The language wanted, for example en (the default) or de-CH: only articles in that locale.")]
    [FromQuery(Name = InfobuttonRequest.LanguageParameter)]
    public string? Language { get; init; }

    [Description("text/xml (the default): an Atom 1.0 feed; application/json: the same feed as JSON in the shape MedlinePlus Connect answers.")]
    [FromQuery(Name = InfobuttonRequest.ResponseTypeParameter)]
    public string? ResponseType { get; init; }
}
