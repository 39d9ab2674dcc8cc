using System.Security.Cryptography;
using KetamineContent.Api.Access;
using KetamineContent.Api.Data;
using KetamineContent.Api.Http;

namespace KetamineContent.Api.Writes;

/// <summary>
/// Wraps a write endpoint: one transaction for the whole command, committed only for a 2xx answer; with an
/// Idempotency-Key, the first answer is stored in that same transaction and replayed for retries with the
/// same body, while the same key with another body is 422. A transaction that loses a deadlock or a
/// serialization failure is rolled back and the whole command runs once more.
/// </summary>
public sealed class CommandFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return await TransactionConflicts.RetryOnceAsync(() => AttemptAsync(context, next), () => Task.CompletedTask);
    }

    private static async Task<object?> AttemptAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var session = http.RequestServices.GetRequiredService<CommandSession>();
        string? key = http.Request.Headers[IdempotencyStore.HeaderName];
        var keyId = Actor.From(http.User).KeyId;
        byte[]? requestHash = null;

        try
        {
            if (key is not null && keyId is null)
            {
                // Records are kept per API key; a bearer token's caller is told so rather than its retry creating a duplicate.
                return Problems.BadRequest("'Idempotency-Key' is honoured for API keys only; this request's credential is not one.", "Idempotency-Key");
            }

            if (key is not null && keyId is Guid owner)
            {
                if (key.Length is 0 or > 255 || key.Any(char.IsControl))
                {
                    return Problems.BadRequest("'Idempotency-Key' must be 1 to 255 printable characters.", "Idempotency-Key");
                }

                requestHash = IdempotencyStore.RequestHash(http.Request.Method, http.Request.Path + http.Request.QueryString, await BodyAsync(http));
                var (c, tx) = await session.BeginAsync(ct);
                await IdempotencyStore.LockAsync(c, tx, owner, key, ct);
                var earlier = await IdempotencyStore.FindAsync(c, tx, owner, key, ct);
                if (earlier is { } found)
                {
                    await session.RollbackAsync();
                    return CryptographicOperations.FixedTimeEquals(found.RequestHash, requestHash)
                        ? found.Response
                        : Problems.Unprocessable("This Idempotency-Key was already used with another request; use a new key for a new request.");
                }
            }

            var result = await next(context);
            if (result is not IResult answer)
            {
                await session.RollbackAsync();
                return result;
            }

            var captured = await CapturedResponse.CaptureAsync(answer, http);
            if (captured.Status is < 200 or > 299)
            {
                await session.RollbackAsync();
                return captured;
            }

            if (requestHash is not null && keyId is Guid ownerId && session.Started)
            {
                var (c, tx) = await session.BeginAsync(ct);
                await IdempotencyStore.SaveAsync(c, tx, ownerId, key!, requestHash, captured, ct);
            }

            // Once the work is done, the client leaving does not decide the outcome; a COMMIT still ends within 30 s.
            using (var commitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await session.CommitAsync(commitTimeout.Token);
            }
            return captured;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }

    private static async Task<byte[]> BodyAsync(HttpContext http)
    {
        if (!http.Request.Body.CanSeek)
        {
            return [];
        }

        http.Request.Body.Position = 0;
        using var copy = new MemoryStream();
        await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
        http.Request.Body.Position = 0;
        return copy.ToArray();
    }
}

public static class CommandFilterExtensions
{
    /// <summary>Buffers write bodies that carry an Idempotency-Key, so the filter can hash them after binding.</summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey(IdempotencyStore.HeaderName))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });

    public static RouteHandlerBuilder AsCommand(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<CommandFilter>().WithMetadata(new CommandMarker());
}

/// <summary>Endpoint metadata: this write runs through <see cref="CommandFilter"/> (and so honours Idempotency-Key).</summary>
public sealed class CommandMarker;

/// <summary>Endpoint metadata: this write requires If-Match with the article's current ETag.</summary>
public sealed class RequiresIfMatch;

public static class RequiresIfMatchExtensions
{
    public static RouteHandlerBuilder RequireIfMatch(this RouteHandlerBuilder builder) => builder.WithMetadata(new RequiresIfMatch());
}
