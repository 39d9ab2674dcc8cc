namespace KetamineContent.Tests.Infrastructure;

public static class Repo
{
    /// <summary>The repository root (the folder holding KetamineContent.sln).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KetamineContent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KetamineContent.sln not found above " + AppContext.BaseDirectory);
    }
}
