using FluentValidation;
using KetamineContent.Api.Data;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>What a command run from the console came to: its status, its value on success, its problem otherwise.</summary>
public sealed record CommandOutcome(int Status, object? Value, ProblemDetails? Problem)
{
    public bool Succeeded => Status is >= 200 and <= 299;

    /// <summary>The field errors of a validation problem (camelCase paths as the API names them), else empty.</summary>
    public IDictionary<string, string[]> Errors =>
        Problem is HttpValidationProblemDetails v ? v.Errors : new Dictionary<string, string[]>();

    /// <summary>The 422 reasons (why a revision may not be published), else empty.</summary>
    public IReadOnlyList<string> Reasons =>
        Problem?.Extensions.TryGetValue("reasons", out var r) == true && r is IEnumerable<string> list ? list.ToList() : [];

    /// <summary>
    /// The detail to show above the listed reasons: a 422's detail ends with its reasons joined ("Revision 2 cannot be
    /// published: ..."), so with the list beside it only the part before the first reason is shown, and each reason once.
    /// </summary>
    public string? Lead =>
        Reasons is [var first, ..] && Problem?.Detail is { } detail && detail.IndexOf(first, StringComparison.Ordinal) is > 0 and var at
            ? detail[..at].TrimEnd()
            : Problem?.Detail;
}

/// <summary>
/// Runs the endpoints' own command handlers for the console, as <see cref="CommandFilter"/> runs them for HTTP:
/// the input checked by the same validator, one transaction committed only for a 2xx outcome (a refused command
/// writes nothing), one retry after a deadlock or serialization failure. So no rule is written twice.
/// </summary>
public sealed class ConsoleCommands(CommandSession session, IServiceProvider services)
{
    public async Task<CommandOutcome?> ValidateAsync<T>(T input, CancellationToken ct)
    {
        var result = await services.GetRequiredService<IValidator<T>>().ValidateAsync(input, ct);
        return result.IsValid ? null : Outcome(ValidationFilterExtensions.Problem(result));
    }

    public async Task<CommandOutcome> RunAsync<T>(T input, Func<CommandSession, Task<IResult>> command, CancellationToken ct)
    {
        return await ValidateAsync(input, ct) ?? await RunAsync(command);
    }

    public Task<CommandOutcome> RunAsync(Func<CommandSession, Task<IResult>> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return TransactionConflicts.RetryOnceAsync(async () =>
        {
            try
            {
                var outcome = Outcome(await command(session));
                if (outcome.Succeeded)
                {
                    await session.CommitAsync(CancellationToken.None);
                }
                else
                {
                    await session.RollbackAsync();
                }

                return outcome;
            }
            catch
            {
                await session.RollbackAsync();
                throw;
            }
        }, () => Task.CompletedTask);
    }

    /// <summary>
    /// The request an endpoint handler reads If-Match from, carrying the ETag the console's form was rendered with
    /// (a hidden field): the handler's own precondition check then answers 428, 412 or goes on, as over HTTP.
    /// </summary>
    public static HttpRequest IfMatch(string? etag)
    {
        var request = new DefaultHttpContext().Request;
        if (!string.IsNullOrWhiteSpace(etag))
        {
            request.Headers.IfMatch = etag;
        }

        return request;
    }

    private static CommandOutcome Outcome(IResult result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result switch
        {
            ProblemHttpResult p => new CommandOutcome(p.StatusCode, null, p.ProblemDetails),
            ValidationProblem v => new CommandOutcome(v.StatusCode, null, v.ProblemDetails),
            IStatusCodeHttpResult s => new CommandOutcome(s.StatusCode ?? 200, (result as IValueHttpResult)?.Value, null),
            _ => new CommandOutcome(200, (result as IValueHttpResult)?.Value, null),
        };
    }
}
