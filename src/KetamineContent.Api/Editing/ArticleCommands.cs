using System.Security.Claims;
using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Content;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace KetamineContent.Api.Editing;

/// <summary>Create an article, post a revision, restore an old one. Each runs in the request's one transaction.</summary>
public static class ArticleCommands
{
    public static async Task<Results<CreatedWithETag<ManagedArticle>, ProblemHttpResult>> Create(
        ArticleInput input, CommandSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        Guid? group = null;
        if (input.TranslationOf is Guid original)
        {
            var target = await c.QuerySingleOrDefaultAsync<TranslationTarget>(
                new CommandDefinition(ManageSql.TranslationTarget, new { Id = original, Locale = input.EffectiveLocale }, tx, cancellationToken: ct));
            if (target is null)
            {
                return Problems.Unprocessable($"'translationOf' names no article: no article has the id {original}.");
            }

            if (target.TakenBy is { } taken)
            {
                return Problems.Conflict($"The translation group of article {original} already has an article in '{input.EffectiveLocale}' ('{taken}').");
            }

            group = target.GroupId;
        }

        var article = await CreateDraftAsync(c, tx, Actor.From(user), input.Slug, input.EffectiveLocale, input.Topic, input.EffectiveTags,
            input.ToContent(), input.ChangeNote ?? "Created", group, clock, ct);
        return new CreatedWithETag<ManagedArticle>(article, Preconditions.ETagFor(1), $"/v1/manage/articles/{article.Id}");
    }

    /// <summary>A new draft article with its revision 1 (shared by create and import), in its own translation group unless one is given.</summary>
    public static async Task<ManagedArticle> CreateDraftAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, string slug, string locale, string topic, IReadOnlyList<string> tags,
        ArticleContent content, string changeNote, Guid? translationGroupId, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var id = Guid.NewGuid();
        var batch = new StatementBatch().Add(ManageSql.InsertArticle,
            new { Id = id, Slug = slug, Locale = locale, TranslationGroupId = translationGroupId, Topic = topic, Tags = tags.ToArray() });
        RevisionStore.Add(batch, id, 1, topic, tags, content, actor.Name, changeNote);
        ChangeLog.Add(batch, actor, "article.created", id, 1, new { Slug = slug, Locale = locale, TranslationGroupId = translationGroupId }, readersAffected: false);
        return (await ManageReader.ArticleAsync(c, tx, batch, id, clock.GetUtcNow(), ct))!;
    }

    public static Task<Results<CreatedWithETag<ManagedArticle>, ProblemHttpResult>> Revise(
        Guid id, ArticleInput input, CommandSession session, ClaimsPrincipal user, HttpRequest request, TimeProvider clock, CancellationToken ct) =>
        ReviseAsync(session, Actor.From(user), id, request.Headers.IfMatch, input, clock, ct);

    /// <summary>A new revision, If-Match given as a value (the endpoint passes its header, the console its form field).</summary>
    public static async Task<Results<CreatedWithETag<ManagedArticle>, ProblemHttpResult>> ReviseAsync(
        CommandSession session, Actor actor, Guid id, Microsoft.Extensions.Primitives.StringValues ifMatch, ArticleInput input, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (c, tx) = await session.BeginAsync(ct);
        var locked = await Publisher.LockAsync(c, tx, id, ct);
        if (Refuse(ifMatch, id, locked) is { } refused)
        {
            return refused;
        }

        return await ReviseLockedAsync(c, tx, actor, locked!, input, clock, ct);
    }

    /// <summary>The next revision from full content, the article row locked and its precondition checked (post and merge patch).</summary>
    public static async Task<Results<CreatedWithETag<ManagedArticle>, ProblemHttpResult>> ReviseLockedAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, LockedArticle locked, ArticleInput input, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(locked);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Slug != locked.Slug || input.EffectiveLocale != locked.Locale)
        {
            return Problems.Unprocessable($"The slug and locale of an article are fixed at creation ('{locked.Slug}', '{locked.Locale}'); create a new article for another.");
        }

        return await AddRevisionAsync(c, tx, actor, locked, input.Topic, input.EffectiveTags, input.ToContent(),
            input.ChangeNote ?? "", "revision.created", clock, ct);
    }

    public static Task<Results<CreatedWithETag<ManagedArticle>, ProblemHttpResult>> Restore(
        Guid id, int number, CommandSession session, ClaimsPrincipal user, HttpRequest request, TimeProvider clock, CancellationToken ct) =>
        RestoreAsync(session, Actor.From(user), id, number, request.Headers.IfMatch, clock, ct);

    /// <summary>Restores an old revision as the next one, If-Match given as a value (endpoint and console).</summary>
    public static async Task<Results<CreatedWithETag<ManagedArticle>, ProblemHttpResult>> RestoreAsync(
        CommandSession session, Actor actor, Guid id, int number, Microsoft.Extensions.Primitives.StringValues ifMatch, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (c, tx) = await session.BeginAsync(ct);
        var locked = await Publisher.LockAsync(c, tx, id, ct);
        if (Refuse(ifMatch, id, locked) is { } refused)
        {
            return refused;
        }

        var row = await c.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ManageSql.RevisionContent, new { Id = id, Number = number }, tx, cancellationToken: ct));
        if (row is null)
        {
            return Problems.NotFound($"The article has no revision {number}.");
        }

        var old = DeliveryMapping.ToDocument(row);
        ArgumentNullException.ThrowIfNull(locked);
        var content = new ArticleContent(old.Title, old.Summary, old.Disclaimer,
            old.Sections.Select(s => new SectionContent(s.Kind, s.Heading, s.Body, s.Cites)).ToList(),
            old.References.Select(DeliveryMapping.ToContent).ToList())
        {
            Related = old.Related.Select(r => r.Slug).ToList(),
        };
        return await AddRevisionAsync(c, tx, actor, locked, old.Topic, old.Tags, content,
            $"Restored revision {number}", "revision.restored", clock, ct);
    }

    /// <summary>404 for no article, 428 without If-Match, 400 for '*' or an unquoted ETag, 412 when it names another revision, 409 for an archived article.</summary>
    public static ProblemHttpResult? Refuse(HttpRequest request, Guid id, LockedArticle? locked)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Refuse(request.Headers.IfMatch, id, locked);
    }

    public static ProblemHttpResult? Refuse(Microsoft.Extensions.Primitives.StringValues ifMatch, Guid id, LockedArticle? locked) =>
        locked is null ? Problems.NotFound($"No article has the id {id}.") : Preconditions.Check(ifMatch, locked.LatestRevision) switch
        {
            Preconditions.Outcome.Missing => Problems.PreconditionRequired(
                $"Send If-Match with the ETag of the revision this edit is based on (current: {Preconditions.ETagFor(locked.LatestRevision)})."),
            Preconditions.Outcome.Any => Problems.BadRequest(
                $"'If-Match: *' would skip the concurrency check: send the ETag of the revision this edit is based on (current: {Preconditions.ETagFor(locked.LatestRevision)}).", "If-Match"),
            Preconditions.Outcome.Unquoted => Problems.BadRequest(
                $"'If-Match' must be an ETag in double quotes, as the ETag header gives it (current: {Preconditions.ETagFor(locked.LatestRevision)}, quotes included).", "If-Match"),
            Preconditions.Outcome.Stale => Problems.PreconditionFailed(locked.LatestRevision, Preconditions.ETagFor(locked.LatestRevision)),
            _ when locked.Status == "archived" => Problems.Conflict("The article is archived; unarchive it before revising."),
            _ => null,
        };

    private static async Task<Results<CreatedWithETag<ManagedArticle>, ProblemHttpResult>> AddRevisionAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, LockedArticle locked, string topic, IReadOnlyList<string> tags,
        ArticleContent content, string changeNote, string action, TimeProvider clock, CancellationToken ct)
    {
        // One round trip after the row lock: the revision with its sections, the bump, the audit row and the outbox
        // event, then the article as it now stands.
        var number = locked.LatestRevision + 1;
        var batch = RevisionStore.Add(new StatementBatch(), locked.Id, number, topic, tags, content, actor.Name, changeNote)
            .Add(ManageSql.BumpRevision, new { locked.Id, Number = number });
        ChangeLog.Add(batch, actor, action, locked.Id, number, new { ChangeNote = changeNote }, readersAffected: false);
        var article = (await ManageReader.ArticleAsync(c, tx, batch, locked.Id, clock.GetUtcNow(), ct))!;
        return new CreatedWithETag<ManagedArticle>(article, Preconditions.ETagFor(number), $"/v1/manage/articles/{locked.Id}/revisions/{number}");
    }
}

/// <summary>The translation group of the article a new one translates, and the slug of its article in the new one's locale, if any.</summary>
public sealed record TranslationTarget(Guid GroupId, string? TakenBy);
