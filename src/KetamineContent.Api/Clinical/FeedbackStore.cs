using System.Net;
using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace KetamineContent.Api.Clinical;

/// <summary>The data access of reader feedback: writes inside the command's transaction, reads on their own connection.</summary>
public sealed class FeedbackStore(NpgsqlDataSource dataSource)
{
    /// <summary>SHA-256 of the address with today's salt: comparable within the day, meaningless once the salt is deleted.</summary>
    public static async Task<byte[]> AddressHashAsync(NpgsqlConnection c, NpgsqlTransaction tx, IPAddress? address, CancellationToken ct)
    {
        byte[]? salt = null;
        for (var attempt = 0; attempt < 2 && salt is null; attempt++)
        {
            // A concurrent first feedback of the day may have made the salt after this statement's snapshot: read again.
            salt = await c.ExecuteScalarAsync<byte[]?>(new CommandDefinition(FeedbackSql.TodaysSalt, new { Salt = RandomNumberGenerator.GetBytes(32) }, tx, cancellationToken: ct));
        }

        var bytes = (address?.IsIPv4MappedToIPv6 == true ? address.MapToIPv4() : address)?.GetAddressBytes() ?? [];
        return SHA256.HashData([.. salt!, .. bytes]);
    }

    public static Task<int> SentTodayAsync(NpgsqlConnection c, NpgsqlTransaction tx, byte[] hash, CancellationToken ct) =>
        c.ExecuteScalarAsync<int>(new CommandDefinition(FeedbackSql.SentToday, new { Hash = hash }, tx, cancellationToken: ct));

    public static async Task InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, Guid articleId, int revision, FeedbackInput input, byte[] hash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        await c.ExecuteAsync(new CommandDefinition(FeedbackSql.Insert, new
        {
            Id = id, ArticleId = articleId, Revision = revision, Helpful = input.Helpful!.Value, Comment = comment, input.SectionKind, Hash = hash,
        }, tx, cancellationToken: ct));
        await Webhooks.WebhookEvents.EnqueueAsync(c, tx, "feedback.created", articleId, revision, ct,
            new { feedbackId = id, helpful = input.Helpful.Value, sectionKind = input.SectionKind, hasComment = comment is not null });
    }

    public async Task<FeedbackSummary?> SummaryAsync(Guid articleId, bool? handled, int take, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(FeedbackSql.ArticleExists, new { Id = articleId }, cancellationToken: ct)))
        {
            return null;
        }

        var counts = (await c.QueryAsync<FeedbackCount>(new CommandDefinition(FeedbackSql.Counts, new { Id = articleId }, cancellationToken: ct))).AsList();
        var comments = (await c.QueryAsync<FeedbackRow>(new CommandDefinition(FeedbackSql.Comments, new { Id = articleId, Handled = handled, Take = take }, cancellationToken: ct)))
            .Select(r => r.ToView()).ToList();
        return new FeedbackSummary(articleId, counts.Sum(x => x.Helpful), counts.Sum(x => x.NotHelpful), counts, comments);
    }

    public static async Task<FeedbackView?> MarkHandledAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid articleId, Guid feedbackId, string actor, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<FeedbackRow>(new CommandDefinition(FeedbackSql.MarkHandled, new { Id = articleId, FeedbackId = feedbackId, Actor = actor }, tx, cancellationToken: ct)))?.ToView();
}

public sealed class FeedbackRow
{
    public Guid Id { get; init; }
    public int Revision { get; init; }
    public bool Helpful { get; init; }
    public string? Comment { get; init; }
    public string? SectionKind { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? HandledAt { get; init; }
    public string? HandledBy { get; init; }

    public FeedbackView ToView() => new(Id, Revision, Helpful, Comment, SectionKind, Delivery.DeliveryMapping.Utc(CreatedAt),
        HandledAt is { } at ? Delivery.DeliveryMapping.Utc(at) : null, HandledBy);
}
