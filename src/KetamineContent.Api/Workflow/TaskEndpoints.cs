using FluentValidation;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;

namespace KetamineContent.Api.Workflow;

/// <summary>/v1/manage/articles/{id}/comments and /tasks: the review conversation and the tasks that gate publishing.</summary>
public static class TaskEndpoints
{
    private const string TaskIfMatch = "The task's ETag (from its creation or GET .../tasks). Missing: 428; stale: 412 with the current ETag.";

    public static IServiceCollection AddTasksAndComments(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<CommentInput>, CommentInputValidator>();
        services.AddSingleton<IValidator<TaskInput>, TaskInputValidator>();
        services.AddSingleton<IValidator<ResolveTaskInput>, ResolveTaskInputValidator>();
        return services;
    }

    public static RouteGroupBuilder MapTasksAndComments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/articles/{id:guid}").WithTags("Comments and tasks")
            .RequireRateLimiting(RateLimits.PerKey).RequireAuthorization(Roles.Policies.Editor);
        group.MapPost("/comments", CommentCommands.Create).WithName("CreateComment").WithSummary("Comment on a revision (optionally on one section)")
            .AsCommand().Validate<CommentInput>().ProducesProblem(404);
        group.MapGet("/comments", CommentCommands.List).WithName("ListComments").WithSummary("An article's comments, oldest first")
            .ProducesProblem(400).ProducesProblem(404);
        group.MapPost("/tasks", TaskCommands.Create).WithName("CreateTask")
            .WithSummary("Open a task on an article (assignee: a key id or a role); while open it blocks publishing its revision, or any revision without one")
            .AsCommand().Validate<TaskInput>().ProducesProblem(404);
        group.MapGet("/tasks", TaskCommands.List).WithName("ListTasks").WithSummary("An article's tasks, oldest first")
            .ProducesProblem(400).ProducesProblem(404);
        group.MapPost("/tasks/{taskId:guid}/resolve", TaskCommands.Resolve).WithName("ResolveTask").WithSummary("Resolve a task, with an optional note")
            .AsCommand().RequireIfMatchOf(TaskIfMatch, "\"t1\"").Validate<ResolveTaskInput>(optional: true).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/tasks/{taskId:guid}/reopen", TaskCommands.Reopen).WithName("ReopenTask").WithSummary("Reopen a resolved task")
            .AsCommand().RequireIfMatchOf(TaskIfMatch, "\"t2\"").ProducesProblem(404).ProducesProblem(409);
        return group;
    }
}
