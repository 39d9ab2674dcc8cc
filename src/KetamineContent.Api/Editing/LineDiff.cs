namespace KetamineContent.Api.Editing;

/// <summary>A line diff by longest common subsequence: '=' kept, '-' only in the old text, '+' only in the new.</summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Between(string from, string to)
    {
        var a = Lines(from);
        var b = Lines(to);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add(new DiffLine("=", a[x++]));
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(new DiffLine("+", b[y++]));
            }
            else
            {
                lines.Add(new DiffLine("-", a[x++]));
            }
        }

        return lines;
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.ReplaceLineEndings("\n").Split('\n');
}
