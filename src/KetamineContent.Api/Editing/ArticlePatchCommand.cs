using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using FluentValidation;
using KetamineContent.Api.Access;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Editing;

/// <summary>
/// PATCH /v1/manage/articles/{id} with a JSON Merge Patch (RFC 7396) of the latest revision's content: the patch is
/// merged into that content as GET .../revisions/{n} shows it, the result is validated as a full revision and posted
/// as the next revision, in the same transaction, with the same checks and records as POST .../revisions.
/// </summary>
public static class ArticlePatchCommand
{
    public static async Task<Results<CreatedWithETag<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, HttpRequest request, CommandSession session, ClaimsPrincipal user, IValidator<ArticleInput> validator,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MergePatch.IsMergePatch(request))
        {
            return Problems.UnsupportedMediaType(RequestReadFailure.UnsupportedMediaType(request.HttpContext));
        }

        JsonNode? patch;
        try
        {
            // Seekable and rewound, so that a retry of the command (after a lost deadlock) reads the same patch.
            request.EnableBuffering();
            request.Body.Position = 0;
            patch = await JsonNode.ParseAsync(request.Body, documentOptions: HttpServiceExtensions.DocumentOptions, cancellationToken: ct);
            request.Body.Position = 0;
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest(RequestReadFailure.DescribeJson(ex));
        }

        if (patch is not JsonObject)
        {
            return Problems.BadRequest("A merge patch of an article is a JSON object of the fields to change (null removes one).");
        }

        var (c, tx) = await session.BeginAsync(ct);
        var locked = await Publisher.LockAsync(c, tx, id, ct);
        if (ArticleCommands.Refuse(request, id, locked) is { } refused)
        {
            return refused;
        }

        var options = json.Value.SerializerOptions;
        var row = await c.QuerySingleAsync<ArticleRow>(new CommandDefinition(ManageSql.RevisionContent, new { Id = id, Number = locked!.LatestRevision }, tx, cancellationToken: ct));
        var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(DeliveryMapping.ToDocument(row), options), patch);
        ArticleInput? input;
        try
        {
            input = merged.Deserialize<ArticleInput>(options);
        }
        catch (JsonException ex)
        {
            // Every wrong type and broken rule at once, as for a posted body that does not bind.
            if (await JsonBodyProblems.ListAsync(JsonSerializer.SerializeToElement(merged, options), typeof(ArticleInput), options, request.HttpContext.RequestServices, ct) is { Errors.Count: > 0 } found)
            {
                return Problems.Validation(found.Errors, found.Detail);
            }

            throw new BadHttpRequestException("The patched article does not fit the article document.", StatusCodes.Status400BadRequest, ex);
        }

        var result = await validator.ValidateAsync(input!, ct);
        if (!result.IsValid)
        {
            return ValidationFilterExtensions.Problem(result);
        }

        return (await ArticleCommands.ReviseLockedAsync(c, tx, Actor.From(user), locked, input!, clock, ct)).Result switch
        {
            CreatedWithETag<ManagedArticle> created => created,
            ProblemHttpResult problem => problem,
            var other => throw new InvalidOperationException($"Unexpected result {other}."),
        };
    }
}
