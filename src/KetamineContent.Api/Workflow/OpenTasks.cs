using Dapper;
using Npgsql;

namespace KetamineContent.Api.Workflow;

/// <summary>The publishing gate of tasks: an open task on a revision (or on the whole article) blocks publishing it.</summary>
public static class OpenTasks
{
    public static async Task<IReadOnlyList<string>> ReasonsNotToPublishAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid articleId, int revision, CancellationToken ct)
    {
        var open = (await c.QueryAsync<OpenTask>(new CommandDefinition(WorkflowSql.OpenTasksBlocking, new { ArticleId = articleId, Revision = revision }, tx, cancellationToken: ct))).AsList();
        return open.Select(t => $"The open task '{t.Title}' ({t.Id}) blocks publishing revision {revision}; resolve it first.").ToList();
    }
}
