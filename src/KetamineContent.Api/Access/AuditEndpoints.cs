using KetamineContent.Api.Editing;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Access;

/// <summary>GET /v1/manage/audit (admin): every change, newest first, filterable by article and time.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/audit").WithTags("Audit").RequireRateLimiting(KetamineContent.Api.Access.RateLimits.PerKey).RequireAuthorization(Roles.Policies.Admin);
        group.MapGet("/", List).WithName("ListAudit").WithSummary("The audit log: who changed what, when").ProducesProblem(400);
        return group;
    }

    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> List(
        Guid? articleId, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor, ManageReader reader, CancellationToken ct)
    {
        if (Problems.Limit(limit, 100) is { } badLimit)
        {
            return badLimit;
        }

        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                return Problems.BadRequest("'cursor' is not a cursor this list handed out.", "cursor");
            }

            before = id;
        }

        return TypedResults.Ok(await reader.AuditAsync(articleId, from, to, limit ?? 50, before, ct));
    }
}
