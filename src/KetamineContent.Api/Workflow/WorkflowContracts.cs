using System.Text.Json.Serialization;

namespace KetamineContent.Api.Workflow;

/// <summary>A comment on a revision, optionally on one of its sections.</summary>
public sealed record CommentInput(string Body, int Revision, string? SectionKind);

public sealed record CommentView(
    Guid Id,
    Guid ArticleId,
    int Revision,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SectionKind,
    string Body,
    string Author,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Access.PersonId? Person = null);

public sealed record CommentList(IReadOnlyList<CommentView> Items);

/// <summary>A task: the assignee is an API key's id or a role; without a revision it blocks publishing any revision.</summary>
public sealed record TaskInput(string Title, string Assignee, DateTimeOffset? Due, int? Revision);

/// <summary>Resolving a task, with an optional note of what was done.</summary>
public sealed record ResolveTaskInput(string? Note);

public sealed record TaskView(
    Guid Id,
    Guid ArticleId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Revision,
    string Title,
    string Assignee,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Due,
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ResolvedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResolvedBy,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Access.PersonId? CreatedByPerson = null);

public sealed record TaskList(IReadOnlyList<TaskView> Items);
