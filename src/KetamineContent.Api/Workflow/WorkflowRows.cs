using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Workflow;

public sealed class CommentRow
{
    public Guid Id { get; init; }
    public Guid ArticleId { get; init; }
    public int Revision { get; init; }
    public string? SectionKind { get; init; }
    public string Body { get; init; } = "";
    public string Author { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string? PersonIssuer { get; init; }
    public string? PersonSubject { get; init; }
    public string? PersonEmail { get; init; }

    public CommentView ToView() => new(Id, ArticleId, Revision, SectionKind, Body, Author, DeliveryMapping.Utc(CreatedAt),
        Access.PersonId.Of(PersonIssuer, PersonSubject, PersonEmail));
}

public sealed class TaskRow
{
    public Guid Id { get; init; }
    public Guid ArticleId { get; init; }
    public int? Revision { get; init; }
    public string Title { get; init; } = "";
    public Guid? AssigneeKeyId { get; init; }
    public string? AssigneeRole { get; init; }
    public DateTime? Due { get; init; }
    public string State { get; init; } = "";
    public string? Note { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public int Version { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string? PersonIssuer { get; init; }
    public string? PersonSubject { get; init; }
    public string? PersonEmail { get; init; }

    /// <summary>The task's ETag: its version (resolve and reopen send it in If-Match).</summary>
    public string ETag => $"\"t{Version}\"";

    public TaskView ToView() => new(Id, ArticleId, Revision, Title, AssigneeKeyId?.ToString() ?? AssigneeRole ?? "",
        Due is { } due ? DeliveryMapping.Utc(due) : null, State, Note, ResolvedAt is { } at ? DeliveryMapping.Utc(at) : null, ResolvedBy,
        CreatedBy, DeliveryMapping.Utc(CreatedAt), DeliveryMapping.Utc(UpdatedAt), Access.PersonId.Of(PersonIssuer, PersonSubject, PersonEmail));
}

/// <summary>An open task that blocks publishing.</summary>
public sealed record OpenTask(Guid Id, string Title);
