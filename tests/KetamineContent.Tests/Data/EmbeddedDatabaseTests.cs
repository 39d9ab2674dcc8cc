using System.Net;
using KetamineContent.LocalPostgres;
using KetamineContent.Tests.Infrastructure;
using Npgsql;

namespace KetamineContent.Tests.Data;

/// <summary>
/// The embedded database (.localdb, no connection string) shared by the API and the commands run beside it: a command
/// attaches to the cluster the API started and leaves it running; only the process that started it stops it.
/// Real processes: the built API executable and the built command, over a cluster in a folder of this test's own.
/// </summary>
public sealed class EmbeddedDatabaseTests
{
    [Fact]
    public async Task CommandsRunWhileTheApiIsUpOnTheEmbeddedDatabaseLeaveItRunning()
    {
        var root = Directory.CreateTempSubdirectory("kc-localdb-").FullName;
        var port = Ports.Free();
        var embedded = new Dictionary<string, string>
        {
            ["ConnectionStrings__Content"] = "",
            ["LocalPostgres__Enabled"] = "true",
            ["LocalPostgres__DataDirectory"] = root,
            ["LocalPostgres__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            await using var api = await ApiProcess.StartAsync("", embedded);
            using var client = api.Client(null);
            foreach (var command in new[] { new[] { "keys", "list" }, ["check"], ["keys", "create", "--name", "beside the API", "--role", "editor"] })
            {
                var ran = await Cli.RunWithAsync(new Dictionary<string, string>(embedded) { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, TimeSpan.FromMinutes(2), command);
                Assert.True(ran.Code == 0, $"{string.Join(' ', command)}: {ran.Output}");
                var ready = await client.GetAsync("/health/ready");
                Assert.True(ready.StatusCode == HttpStatusCode.OK,
                    $"after '{string.Join(' ', command)}' the API answers /health/ready {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
            }

            using (var admin = api.Client(ApiFactory.AdminKey))
            {
                var keys = await (await admin.GetAsync("/v1/manage/keys")).Content.ReadAsStringAsync();
                Assert.Contains("beside the API", keys, StringComparison.Ordinal); // the command wrote where the API reads
            }

            // The API started the cluster, so the API stops it when it ends.
            api.Terminate();
            Assert.True(await api.WaitForExitAsync(TimeSpan.FromMinutes(2)), "the API did not stop on SIGTERM");
            await using var after = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=3");
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.OpenAsync());
        }
        finally
        {
            LocalCluster.StopAndDelete(root);
        }
    }
}
