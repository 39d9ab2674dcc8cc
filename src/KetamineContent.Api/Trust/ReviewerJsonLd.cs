using System.Text.Json.Nodes;
using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Trust;

/// <summary>
/// The signer of a review as a schema.org Person: credentials as <c>honorificSuffix</c> ("MD, PharmD") and as
/// <c>hasCredential</c> (one EducationalOccupationalCredential each), the specialty as <c>jobTitle</c>, the profile as <c>url</c>.
/// </summary>
public static class ReviewerJsonLd
{
    public static JsonObject Person(ReviewerDocument reviewer)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        var person = new JsonObject { ["@type"] = "Person", ["name"] = reviewer.Name };
        if (reviewer.Credentials.Count > 0)
        {
            person["honorificSuffix"] = string.Join(", ", reviewer.Credentials);
            person["hasCredential"] = new JsonArray(reviewer.Credentials.Select(c => (JsonNode)new JsonObject
            {
                ["@type"] = "EducationalOccupationalCredential",
                ["name"] = c,
            }).ToArray());
        }

        if (reviewer.Specialty is not null)
        {
            person["jobTitle"] = reviewer.Specialty;
        }

        if (reviewer.Url is not null)
        {
            person["url"] = reviewer.Url;
        }

        return person;
    }
}
