namespace KetamineContent.Api.EditorialConsole;

public sealed class SignOffForm
{
    public int Revision { get; set; }
    public string ReviewedBy { get; set; } = "";
    public string? Notes { get; set; }
}

public sealed class PublishForm
{
    public int Revision { get; set; }

    /// <summary>Empty: now. Otherwise a UTC date and time (the datetime-local control's value, read as UTC).</summary>
    public string? At { get; set; }

    /// <summary>Why to publish above Content:MaxGradeLevel (empty: no override).</summary>
    public string? OverrideReason { get; set; }
}

public sealed class WithdrawForm
{
    /// <summary>unpublish or archive.</summary>
    public string Action { get; set; } = "unpublish";
    public string? Reason { get; set; }
    public string? ReplacementSlug { get; set; }

    /// <summary>Withdraw although published articles link to it (their links then render as plain text).</summary>
    public bool Force { get; set; }
}

public sealed class RestoreForm
{
    public int Number { get; set; }
    public int BaseRevision { get; set; }
}
