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

/// <summary>A person of the identity provider, as the admin's People page takes it.</summary>
public sealed class PersonForm
{
    public string? Issuer { get; set; }
    public string? Subject { get; set; }
}
