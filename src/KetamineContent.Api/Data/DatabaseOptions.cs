namespace KetamineContent.Api.Data;

/// <summary>What the API does with its database at start-up (section "Database").</summary>
public sealed class DatabaseOptions
{
    public bool MigrateOnStartup { get; set; }

    public bool SeedOnStartup { get; set; }
}
