using System.Security.Claims;
using FluentValidation;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Access;

public sealed record KeyInput(string Name, string Role);

public sealed record KeyList(IReadOnlyList<ApiKeyInfo> Items);

public sealed class KeyInputValidator : AbstractValidator<KeyInput>
{
    public KeyInputValidator()
    {
        RuleFor(k => k.Name).CleanText();
        RuleFor(k => k.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'name' is required.")
            .MaximumLength(100).WithMessage("'name' must be at most 100 characters.");
        RuleFor(k => k.Role).Must(Roles.IsKnown).WithMessage("'role' must be previewer, editor, reviewer or admin.");
    }
}

/// <summary>/v1/manage/keys (admin): create (the secret is shown once), list and read (no secrets), revoke.</summary>
public static class KeysEndpoints
{
    public static RouteGroupBuilder MapKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/keys").WithTags("API keys").RequireRateLimiting(KetamineContent.Api.Access.RateLimits.PerKey).RequireAuthorization(Roles.Policies.Admin);
        group.MapPost("/", Create).WithName("CreateKey").WithSummary("Create an API key; the key is shown only in this answer")
            .AsCommand().Validate<KeyInput>();
        group.MapGet("/", List).WithName("ListKeys").WithSummary("List API keys (never their secrets)");
        group.MapGet("/{id:guid}", Get).WithName("GetKey").WithSummary("One API key (never its secret), revoked or not: where a created key's Location points")
            .ProducesProblem(404);
        group.MapDelete("/{id:guid}", Revoke).WithName("RevokeKey").WithSummary("Revoke a key; it stops working at once")
            .AsCommand().ProducesProblem(404);
        return group;
    }

    public static async Task<Created<CreatedApiKey>> Create(KeyInput input, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var created = await ApiKeyStore.CreateAsync(c, tx, Actor.From(user), input.Name.Trim(), input.Role, ct);
        return TypedResults.Created($"/v1/manage/keys/{created.Id}", created);
    }

    public static async Task<Ok<KeyList>> List(ApiKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok(new KeyList(await keys.ListAsync(ct)));

    public static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> Get(Guid id, ApiKeyStore keys, CancellationToken ct) =>
        await keys.GetAsync(id, ct) is { } key ? TypedResults.Ok(key) : Problems.NotFound($"No API key has the id {id}.");

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, CommandSession session, KeyCache cache, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        session.AfterCommit(() => cache.Drop(id));
        return await ApiKeyStore.RevokeAsync(c, tx, Actor.From(user), id, ct)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No API key has the id {id}.");
    }
}
