namespace KetamineContent.Api.EditorialConsole;

public sealed class KeyForm
{
    public string? Name { get; set; }
    public string Role { get; set; } = Access.Roles.Editor;
}

public sealed class RevokeForm
{
    public Guid Id { get; set; }
}

/// <summary>A reviewer profile as the admin screen posts it: credentials separated by commas, the key by its id (empty: none).</summary>
public sealed class ReviewerForm
{
    public string? ETag { get; set; }
    public string? Name { get; set; }
    public string? Credentials { get; set; }
    public string? Specialty { get; set; }
    public string? ProfileUrl { get; set; }
    public string? Orcid { get; set; }
    public string? KeyId { get; set; }

    /// <summary>The person linked on the People page, carried through unchanged so an edit here never unlinks them.</summary>
    public string? PersonIssuer { get; set; }

    public string? PersonSubject { get; set; }

    /// <summary>The API's input: empty fields are left out (null), as a JSON body would leave them out.</summary>
    public Trust.ReviewerInput ToInput(Guid? keyId) => new(
        Name?.Trim() ?? "",
        (Credentials ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Blank(Specialty), Blank(ProfileUrl), Blank(Orcid), keyId, Blank(PersonIssuer), Blank(PersonSubject));

    public static ReviewerForm From(Trust.ReviewerView v) => new()
    {
        ETag = Editing.Preconditions.ETagFor(v.Version), Name = v.Name, Credentials = string.Join(", ", v.Credentials),
        Specialty = v.Specialty, ProfileUrl = v.ProfileUrl, Orcid = v.Orcid, KeyId = v.KeyId?.ToString(),
        PersonIssuer = v.PersonIssuer, PersonSubject = v.PersonSubject,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A person of the identity provider, as the admin's People page takes it.</summary>
public sealed class PersonForm
{
    public string? Issuer { get; set; }
    public string? Subject { get; set; }
}
