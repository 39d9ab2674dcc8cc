using System.Security.Claims;
using Dapper;
using FluentValidation;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Webhooks;

public sealed class WebhookInputValidator : AbstractValidator<WebhookInput>
{
    public WebhookInputValidator()
    {
        RuleFor(w => w.Url).Must(TargetGuard.IsHttpUrl).WithMessage("'url' must be an absolute http or https URL of at most 2000 characters.");
        RuleFor(w => w.Events).NotNull().WithMessage("'events' is required.")
            .Must(e => e is { Count: >= 1 and <= 10 } && e.Distinct(StringComparer.Ordinal).Count() == e.Count && e.All(WebhookEvents.Types.Contains))
            .WithMessage("'events' must be 1 to 10 distinct events of: " + string.Join(", ", WebhookEvents.Types) + ".");
    }
}

/// <summary>/v1/manage/webhooks (admin): subscriptions, secrets shown once, deliveries and redelivery.</summary>
public static class WebhooksEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/webhooks").WithTags("Webhooks")
            .RequireRateLimiting(RateLimits.PerKey).RequireAuthorization(Roles.Policies.Admin);
        group.MapPost("/", Create).WithName("CreateWebhook").WithSummary("Subscribe a URL to events; the signing secret is shown only in this answer")
            .AsCommand().Validate<WebhookInput>().ProducesProblem(400);
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("List webhook subscriptions (no secrets)");
        group.MapGet("/{id:guid}", Get).WithName("GetWebhook").WithSummary("Get a subscription").ProducesProblem(404);
        group.MapPut("/{id:guid}", Update).WithName("UpdateWebhook").WithSummary("Change a subscription's URL, events or active flag")
            .AsCommand().Validate<WebhookInput>().ProducesProblem(400).ProducesProblem(404);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook").WithSummary("Delete a subscription and its deliveries")
            .AsCommand().ProducesProblem(404);
        group.MapPost("/{id:guid}/rotate-secret", Rotate).WithName("RotateWebhookSecret").WithSummary("Replace the signing secret; the new one is shown only in this answer")
            .AsCommand().ProducesProblem(404);
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries").WithSummary("A subscription's deliveries, newest first")
            .ProducesProblem(404);
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver).WithName("RedeliverWebhook")
            .WithSummary("Send a delivery again").AsCommand().ProducesProblem(404);
        return group;
    }

    private static async Task<string?> RefusedTargetAsync(string url, IOptions<WebhookOptions> options, CancellationToken ct) =>
        await TargetGuard.CheckAsync(url, options.Value.AllowPrivateTargets, ct);

    public static async Task<Results<Created<WebhookSubscription>, ProblemHttpResult>> Create(
        WebhookInput input, CommandSession session, ClaimsPrincipal user, IOptions<WebhookOptions> options, CancellationToken ct)
    {
        if (await RefusedTargetAsync(input.Url, options, ct) is { } refused)
        {
            return Problems.BadRequest($"'url' is refused: {refused}.", "url");
        }

        var (c, tx) = await session.BeginAsync(ct);
        var secret = WebhookSignature.NewSecret();
        var row = await c.QuerySingleAsync<WebhookRow>(new CommandDefinition(WebhookSql.Insert,
            new { Id = Guid.NewGuid(), input.Url, Events = input.Events.ToArray(), Secret = secret, Active = input.Active ?? true }, tx, cancellationToken: ct));
        await ChangeLog.RecordAsync(c, tx, Actor.From(user), "webhook.created", null, null, new { row.Id, row.Url }, readersAffected: false, ct);
        return TypedResults.Created($"/v1/manage/webhooks/{row.Id}", row.ToContract(secret));
    }

    public static async Task<Ok<WebhookList>> List(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<WebhookRow>(new CommandDefinition(WebhookSql.List, cancellationToken: ct));
        return TypedResults.Ok(new WebhookList(rows.Select(r => r.ToContract()).ToList()));
    }

    public static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> Get(Guid id, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(WebhookSql.Get, new { Id = id }, cancellationToken: ct));
        return row is null ? Problems.NotFound($"No webhook subscription has the id {id}.") : TypedResults.Ok(row.ToContract());
    }

    public static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> Update(
        Guid id, WebhookInput input, CommandSession session, ClaimsPrincipal user, IOptions<WebhookOptions> options, CancellationToken ct)
    {
        if (await RefusedTargetAsync(input.Url, options, ct) is { } refused)
        {
            return Problems.BadRequest($"'url' is refused: {refused}.", "url");
        }

        var (c, tx) = await session.BeginAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(WebhookSql.Update,
            new { Id = id, input.Url, Events = input.Events.ToArray(), Active = input.Active ?? true }, tx, cancellationToken: ct));
        if (row is null)
        {
            return Problems.NotFound($"No webhook subscription has the id {id}.");
        }

        await ChangeLog.RecordAsync(c, tx, Actor.From(user), "webhook.updated", null, null, new { row.Id, row.Url, row.Active }, readersAffected: false, ct);
        return TypedResults.Ok(row.ToContract());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        if (await c.ExecuteAsync(new CommandDefinition(WebhookSql.Delete, new { Id = id }, tx, cancellationToken: ct)) == 0)
        {
            return Problems.NotFound($"No webhook subscription has the id {id}.");
        }

        await ChangeLog.RecordAsync(c, tx, Actor.From(user), "webhook.deleted", null, null, new { Id = id }, readersAffected: false, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> Rotate(Guid id, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var secret = WebhookSignature.NewSecret();
        var row = await c.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(WebhookSql.Rotate, new { Id = id, Secret = secret }, tx, cancellationToken: ct));
        if (row is null)
        {
            return Problems.NotFound($"No webhook subscription has the id {id}.");
        }

        await ChangeLog.RecordAsync(c, tx, Actor.From(user), "webhook.secret_rotated", null, null, new { Id = id }, readersAffected: false, ct);
        return TypedResults.Ok(row.ToContract(secret));
    }

    public static async Task<Results<Ok<WebhookDeliveryList>, ProblemHttpResult>> Deliveries(Guid id, int? limit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (Problems.Limit(limit, 100) is { } badLimit)
        {
            return badLimit;
        }

        await using var c = await dataSource.OpenConnectionAsync(ct);
        if (await c.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(WebhookSql.Get, new { Id = id }, cancellationToken: ct)) is null)
        {
            return Problems.NotFound($"No webhook subscription has the id {id}.");
        }

        var rows = await c.QueryAsync<DeliveryRow>(new CommandDefinition(WebhookSql.Deliveries, new { Id = id, Take = limit ?? 50 }, cancellationToken: ct));
        return TypedResults.Ok(new WebhookDeliveryList(rows.Select(r => r.ToContract()).ToList()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Redeliver(Guid id, Guid deliveryId, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        if (await c.ExecuteAsync(new CommandDefinition(WebhookSql.Redeliver, new { Id = id, DeliveryId = deliveryId }, tx, cancellationToken: ct)) == 0)
        {
            return Problems.NotFound($"Subscription {id} has no delivery {deliveryId}.");
        }

        await ChangeLog.RecordAsync(c, tx, Actor.From(user), "webhook.redelivered", null, null, new { Id = id, DeliveryId = deliveryId }, readersAffected: false, ct);
        return TypedResults.NoContent();
    }
}

public static class WebhookServiceExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks");
        services.AddSingleton<IValidator<WebhookInput>, WebhookInputValidator>();
        services.AddHttpClient(WebhookDispatcher.ClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("KetamineContent-Webhooks/1"))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = TargetGuard.ConnectCallback(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.AllowPrivateTargets),
            });
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
