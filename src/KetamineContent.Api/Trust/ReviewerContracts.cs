namespace KetamineContent.Api.Trust;

/// <summary>
/// A reviewer profile as an admin writes it. <c>credentials</c> is a list of post-nominal letters (for example
/// ["MD", "PharmD"]); <c>orcid</c> an ORCID iD (0000-0002-1825-0097, checksum checked); <c>keyId</c> links the
/// profile to the reviewer's API key, so that key's sign-offs record the profile by default; <c>personIssuer</c> and
/// <c>personSubject</c> (both or neither) link it to a person of the organisation's identity provider (the ID token's
/// iss and sub), so that person's sign-offs record it.
/// </summary>
public sealed record ReviewerInput(
    string Name, IReadOnlyList<string>? Credentials, string? Specialty, string? ProfileUrl, string? Orcid, Guid? KeyId,
    string? PersonIssuer = null, string? PersonSubject = null);

/// <summary>A stored reviewer profile; <c>version</c> is its ETag.</summary>
public sealed record ReviewerView(
    Guid Id, string Name, IReadOnlyList<string> Credentials, string? Specialty, string? ProfileUrl, string? Orcid, Guid? KeyId,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PersonIssuer = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PersonSubject = null);

public sealed record ReviewerList(IReadOnlyList<ReviewerView> Items);

public sealed class ReviewerRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string[] Credentials { get; init; } = [];
    public string? Specialty { get; init; }
    public string? ProfileUrl { get; init; }
    public string? Orcid { get; init; }
    public Guid? KeyId { get; init; }
    public string? PersonIssuer { get; init; }
    public string? PersonSubject { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public string ETag => Editing.Preconditions.ETagFor(Version);

    public ReviewerView ToView() => new(Id, Name, Credentials, Specialty, ProfileUrl, Orcid, KeyId, Version,
        Delivery.DeliveryMapping.Utc(CreatedAt), Delivery.DeliveryMapping.Utc(UpdatedAt), PersonIssuer, PersonSubject);
}
