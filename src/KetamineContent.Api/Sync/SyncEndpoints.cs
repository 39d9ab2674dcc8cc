using System.ComponentModel;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Sync;

/// <summary>GET /v1/sync: everything published, then only what changed. Exact under concurrency.</summary>
public static class SyncEndpoints
{
    public static RouteGroupBuilder MapSync(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sync").WithTags("Sync").RequireRateLimiting(KetamineContent.Api.Access.RateLimits.PerAddress);
        group.MapGet("/", Sync).WithName("Sync")
            .WithSummary("Delta sync for offline apps")
            .WithDescription("Without a cursor: every published article (full representation), paged. With the last nextCursor: only what changed since " +
                             "(items to add or replace, deleted entries to drop). Page while hasMore is true. A malformed or tampered cursor is 400; " +
                             "one older than the retained feed is 410 (start again without a cursor).")
            .ProducesProblem(400).ProducesProblem(410);
        return group;
    }

    public static async Task<Results<JsonBytes<SyncPage>, ProblemHttpResult>> Sync(
        [Description("The nextCursor of the previous sync; omit for a full sync.")] string? cursor,
        [Description("Page size, 1 to 100. Default 50.")] int? limit,
        [Description("Only articles about this topic (bound into the cursor).")] string? topic,
        [Description("Only articles in this locale (bound into the cursor).")] string? locale,
        [Description("Only these top-level fields of each item (id and slug always stay), for example title,sections.")] string? fields,
        SyncReader reader, ResponseBytes bytes, PublicUrls urls, HttpContext http, CancellationToken ct)
    {
        var (representation, parameter, error) = Representation.Parse(null, fields, null);
        if (representation is null)
        {
            return Problems.BadRequest(error!, parameter);
        }

        if (Problems.Limit(limit, 100) is { } badLimit)
        {
            return badLimit;
        }

        if (topic is not null && !DeliveryRules.IsSlug(topic))
        {
            return Problems.BadRequest("'topic' must be a lowercase slug such as 'depression'.", "topic");
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest("'locale' must look like 'en' or 'de-CH'.", "locale");
        }

        SyncCursor? position = null;
        if (cursor is not null)
        {
            position = SyncCursor.Decode(cursor, await reader.SecretAsync(ct));
            if (position is null)
            {
                return Problems.BadRequest("'cursor' is not a cursor this feed handed out (malformed or altered). Start again without a cursor.", "cursor");
            }

            if (position.Topic != topic || position.Locale != locale)
            {
                return Problems.BadRequest("'cursor' was issued for other topic/locale filters; send the same filters, or start again without a cursor.", "cursor");
            }
        }

        var (outcome, page) = await reader.ReadAsync(position, topic, locale, limit ?? 50, ct);
        return outcome == SyncOutcome.Gone
            ? TypedResults.Problem("This cursor is older than the retained change feed. Discard local content and sync again without a cursor.",
                statusCode: StatusCodes.Status410Gone, title: "Cursor expired")
            : bytes.Create(page! with { Items = page.Items.Select(a => Trust.LinkRendering.ForReaders(a, urls)).ToList() },
                representation: representation, cacheControl: "no-cache");
    }
}
