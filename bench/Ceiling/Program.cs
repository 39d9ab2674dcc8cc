// The ceiling: what Kestrel on this machine can do at all. GET /ceiling answers the exact bytes and headers
// the API sends for an article (captured by the benchmark into a file), from memory, with no middleware.
// GET /baseline/{slug}: the plain one-query-per-request Dapper endpoint the cache-off path is compared with.
using System.Text.Json;
using Dapper;
using KetamineContent.Api.Delivery;
using Npgsql;

var captured = args.SkipWhile(a => a != "--response").Skip(1).FirstOrDefault()
    ?? throw new ArgumentException("usage: Ceiling --response FILE [--db CONNECTION] --urls URL");
var response = JsonSerializer.Deserialize<Captured>(File.ReadAllText(captured))!;
var body = Convert.FromBase64String(response.Body);
var headers = response.Headers.ToArray();
var connection = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault();

string[] English = ["en"];
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
var app = builder.Build();
app.MapGet("/ceiling", (HttpContext context) =>
{
    foreach (var (name, value) in headers)
    {
        context.Response.Headers[name] = value;
    }

    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});

if (connection is not null)
{
    var dataSource = NpgsqlDataSource.Create(connection);
    var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
    app.MapGet("/baseline/{slug}", async (string slug, HttpContext context) =>
    {
        await using var c = await dataSource.OpenConnectionAsync(context.RequestAborted);
        var row = await c.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ArticleSql.PublishedBySlug, new { Slug = slug, Locales = English }, cancellationToken: context.RequestAborted));
        if (row is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(DeliveryMapping.ToDocument(row), json);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    });
}

app.Run();

internal sealed record Captured(string Body, Dictionary<string, string> Headers);
