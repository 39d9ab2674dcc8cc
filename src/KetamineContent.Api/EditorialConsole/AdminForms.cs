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
