using KetamineContent.Tests.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace KetamineContent.Tests.Deploy;

/// <summary>No Docker engine runs here, so the compose file is checked by reading it against what the API reads.</summary>
public sealed class ComposeFileTests
{
    private static readonly Dictionary<object, object> Compose = Load();

    private static Dictionary<object, object> Load()
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Repo.Root, "docker-compose.yml")));
        return (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(new MergingParser(new Parser(reader)))!;
    }

    private static Dictionary<object, object> Service(string name) =>
        (Dictionary<object, object>)((Dictionary<object, object>)Compose["services"])[name];

    private static IEnumerable<KeyValuePair<string, Dictionary<object, object>>> Services() =>
        ((Dictionary<object, object>)Compose["services"]).Select(s => KeyValuePair.Create((string)s.Key, (Dictionary<object, object>)s.Value));

    private static Dictionary<object, object> Map(Dictionary<object, object> node, string key) => (Dictionary<object, object>)node[key];

    [Fact]
    public void PostgresHasAHealthCheckAndANamedVolume()
    {
        var db = Service("db");
        Assert.StartsWith("postgres:", (string)db["image"], StringComparison.Ordinal);
        Assert.Contains("pg_isready", string.Join(' ', (List<object>)Map(db, "healthcheck")["test"]), StringComparison.Ordinal);
        var volume = ((List<object>)db["volumes"]).Cast<string>().Single();
        Assert.Contains(volume.Split(':')[0], ((Dictionary<object, object>)Compose["volumes"]).Keys.Cast<string>());
    }

    [Fact]
    public void MigrationsRunOnceBeforeTheApi()
    {
        var migrate = Service("migrate");
        Assert.Contains((string)((List<object>)migrate["command"])[0], new[] { "migrate", "seed" });
        Assert.Equal("no", migrate["restart"]);
        foreach (var api in new[] { "api", "api-1", "api-2" })
        {
            var dependsOn = Map(Service(api), "depends_on");
            Assert.Equal("service_completed_successfully", Map(dependsOn, "migrate")["condition"]);
            Assert.Equal("service_healthy", Map(dependsOn, "db")["condition"]);
        }
    }

    [Fact]
    public void TheApiGetsTheSettingsItReads()
    {
        foreach (var name in new[] { "api", "api-1", "api-2", "migrate" })
        {
            var env = Map(Service(name), "environment");
            var connection = (string)env["ConnectionStrings__Content"];
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            Assert.Equal("db", builder.Host);
            var db = Map(Service("db"), "environment");
            Assert.Equal(db["POSTGRES_DB"], builder.Database);
            Assert.Equal(db["POSTGRES_USER"], builder.Username);
            Assert.Equal(db["POSTGRES_PASSWORD"], builder.Password);
        }

        var apiEnv = Map(Service("api"), "environment");
        Assert.All(apiEnv.Keys.Cast<string>().Where(k => k.StartsWith("Database__", StringComparison.Ordinal)),
            k => Assert.NotNull(typeof(KetamineContent.Api.Data.DatabaseOptions).GetProperty(k["Database__".Length..])));
        Assert.Equal("http://0.0.0.0:8080", apiEnv["ASPNETCORE_URLS"]);
        Assert.Equal("8080:8080", ((List<object>)Service("api")["ports"]).Single());
        Assert.Contains("/health/ready", string.Join(' ', (List<object>)Map(Service("api"), "healthcheck")["test"]), StringComparison.Ordinal);
    }

    [Fact]
    public void TheScaleProfileRunsTwoReplicasBehindNginx()
    {
        foreach (var name in new[] { "api-1", "api-2", "proxy" })
        {
            Assert.Equal("scale", ((List<object>)Service(name)["profiles"]).Single());
        }

        var nginx = File.ReadAllText(Path.Combine(Repo.Root, "deploy", "nginx.conf"));
        Assert.Contains("server api-1:8080;", nginx, StringComparison.Ordinal);
        Assert.Contains("server api-2:8080;", nginx, StringComparison.Ordinal);
        Assert.Contains("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro", ((List<object>)Service("proxy")["volumes"]).Cast<string>());
    }

    [Fact]
    public void TheScaleProfileRunsVarnishInFrontOfTheReplicasWhichPurgeIt()
    {
        var varnish = Service("varnish");
        Assert.Equal("scale", ((List<object>)varnish["profiles"]).Single());
        Assert.StartsWith("varnish:", (string)varnish["image"], StringComparison.Ordinal);
        Assert.Contains("./deploy/varnish/default.vcl:/etc/varnish/default.vcl:ro", ((List<object>)varnish["volumes"]).Cast<string>());
        var port = ((List<object>)varnish["ports"]).Cast<string>().Single().Split(':')[1];
        var vcl = File.ReadAllText(Path.Combine(Repo.Root, "deploy", "varnish", "default.vcl"));
        Assert.Contains(".host = \"proxy\";", vcl, StringComparison.Ordinal);
        Assert.Contains(".port = \"8080\";", vcl, StringComparison.Ordinal);
        Assert.Contains("listen 8080;", File.ReadAllText(Path.Combine(Repo.Root, "deploy", "nginx.conf")), StringComparison.Ordinal);
        foreach (var api in new[] { "api-1", "api-2" })
        {
            var env = Map(Service(api), "environment");
            Assert.Equal("varnish", env["Cdn__Provider"]);
            var node = new Uri((string)env["Cdn__Varnish__Nodes__0"]);
            Assert.Equal("varnish", node.Host);
            Assert.Equal(port, node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void TheImageInstallsNoLibvipsBecauseTheAppCarriesItsOwn()
    {
        // The runtime stage installs packages with apt-get; none of them may be libvips: renditions use NetVips.Native's.
        var runtime = File.ReadAllText(Path.Combine(Repo.Root, "Dockerfile")).Split("\nFROM ").Last();
        var installs = runtime.Split('\n').Where(l => l.Contains("apt-get install", StringComparison.Ordinal)).ToList();
        Assert.All(installs, l => Assert.DoesNotContain("vips", l, StringComparison.OrdinalIgnoreCase));
        // What the image copies is the published app, which carries the native libvips for Linux (glibc, x64 and arm64).
        foreach (var rid in new[] { "linux-x64", "linux-arm64" })
        {
            var native = Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native");
            Assert.True(Directory.Exists(native) && Directory.GetFiles(native, "libvips*.so*").Length > 0, $"no libvips under {native}");
        }

        Assert.Equal("8.18.7", new KetamineContent.Api.Assets.ImageEngine(
            Microsoft.Extensions.Options.Options.Create(new KetamineContent.Api.Assets.AssetOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KetamineContent.Api.Assets.ImageEngine>.Instance).Version);
    }

    [Fact]
    public void TheImageIsAMultiStageReleaseBuildRunAsNonRoot()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Repo.Root, "Dockerfile"));
        Assert.Equal(2, dockerfile.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(dockerfile, l => l.Contains("dotnet publish src/KetamineContent.Api/KetamineContent.Api.csproj -c Release", StringComparison.Ordinal));
        var user = dockerfile.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotEqual("USER root", user);

        // The entry point is the assembly the API project builds (renaming the project without the Dockerfile fails here).
        var entrypoint = dockerfile.Last(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{typeof(KetamineContent.Api.Data.DatabaseOptions).Assembly.GetName().Name}.dll\"]", entrypoint);
    }

    [Fact]
    public void EveryBuiltServiceNamesADockerfileThatExistsAndEveryCommandIsOneTheApiKnows()
    {
        var built = Services().Where(s => s.Value.ContainsKey("build")).ToList();
        Assert.Equal(["api", "api-1", "api-2", "migrate"], built.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (name, service) in built)
        {
            var build = Map(service, "build");
            var dockerfile = Path.Combine(Repo.Root, (string)build["context"], (string)build["dockerfile"]);
            Assert.True(File.Exists(dockerfile), $"{name}: {dockerfile} does not exist");
            Assert.Equal("ketaminecontent-api:local", service["image"]);
            if (service.TryGetValue("command", out var command))
            {
                var args = ((List<object>)command).Cast<string>().ToArray();
                Assert.True(KetamineContent.Api.Cli.CommandLine.IsCommand(args), $"{name}: '{string.Join(' ', args)}' is not a command of the API");
            }
        }
    }

    [Fact]
    public void EachApiListensHealthChecksAndIsPublishedOnThePortTheImageExposes()
    {
        var exposed = File.ReadAllLines(Path.Combine(Repo.Root, "Dockerfile")).Single(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal))["EXPOSE ".Length..].Trim();
        var runtimeStage = File.ReadAllText(Path.Combine(Repo.Root, "Dockerfile")).Split("\nFROM ").Last();
        foreach (var name in new[] { "api", "api-1", "api-2" })
        {
            var service = Service(name);
            var listens = new Uri((string)Map(service, "environment")["ASPNETCORE_URLS"]);
            Assert.Equal(exposed, listens.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var test = ((List<object>)Map(service, "healthcheck")["test"]).Cast<string>().ToList();
            Assert.Equal("CMD", test[0]);
            Assert.Contains($"install -y --no-install-recommends {test[1]}", runtimeStage, StringComparison.Ordinal); // the probe's tool is in the image
            var probe = new Uri(test[^1]);
            Assert.Equal((listens.Port, "/health/ready"), (probe.Port, probe.AbsolutePath));
            Assert.True(probe.IsLoopback, $"{name} probes {probe} from inside its container");
            foreach (var published in service.TryGetValue("ports", out var ports) ? ((List<object>)ports).Cast<string>() : [])
            {
                Assert.Equal(exposed, published.Split(':')[^1]);
            }
        }
    }

    [Fact]
    public void EverySettingTheComposeFileGivesIsOneTheApiReads()
    {
        var options = typeof(KetamineContent.Api.Data.DatabaseOptions).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal)).ToLookup(t => t.Name[..^"Options".Length], StringComparer.Ordinal);
        string[] readDirectly = ["ConnectionStrings__Content", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "Logging__Json"];
        foreach (var name in new[] { "api", "api-1", "api-2", "migrate" })
        {
            foreach (var key in Map(Service(name), "environment").Keys.Cast<string>().Except(readDirectly))
            {
                var parts = key.Split("__");
                Assert.True(parts.Length >= 2 && options[parts[0]].Any(t => Binds(t, parts[1..])),
                    $"{name}: {key} is not a property of any {parts[0]}Options of the API");
            }
        }

        Assert.Contains("\"Logging:Json\"", File.ReadAllText(Path.Combine(Repo.Root, "src", "KetamineContent.Api", "Telemetry", "TelemetryServiceExtensions.cs")), StringComparison.Ordinal);
        Assert.Equal("/var/lib/postgresql/data", ((List<object>)Service("db")["volumes"]).Cast<string>().Single().Split(':')[1]); // the postgres image's PGDATA
    }

    /// <summary>Whether the options type binds this path (nested options classes followed, a list's index taken as its item).</summary>
    private static bool Binds(Type type, string[] path)
    {
        var property = type.GetProperty(path[0]);
        if (property is null)
        {
            return false;
        }

        var rest = path[1..];
        var target = property.PropertyType;
        if (rest.Length > 0 && target.IsGenericType && target.GetGenericTypeDefinition() == typeof(List<>) && int.TryParse(rest[0], out _))
        {
            (target, rest) = (target.GetGenericArguments()[0], rest[1..]);
        }

        return rest.Length == 0 || (!target.IsPrimitive && target != typeof(string) && Binds(target, rest));
    }

    [Fact]
    public async Task TheScaleProfileRunsPrometheusScrapingBothReplicasWithTheirToken()
    {
        var prometheus = Service("prometheus");
        Assert.Equal("scale", ((List<object>)prometheus["profiles"]).Single());
        var mounts = ((List<object>)prometheus["volumes"]).Cast<string>().Select(v => v.Split(':')).ToDictionary(v => v[1], v => Path.GetFullPath(Path.Combine(Repo.Root, v[0])));
        var config = File.ReadAllText(mounts["/etc/prometheus/prometheus.yml"]);
        var scrape = (Dictionary<object, object>)((List<object>)((Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(config))["scrape_configs"]).Single();
        Assert.Equal("/metrics", scrape["metrics_path"]);
        var targets = ((List<object>)((Dictionary<object, object>)((List<object>)scrape["static_configs"]).Single())["targets"]).Cast<string>();
        Assert.Equal(["api-1:8080", "api-2:8080"], targets);
        var tokenFile = (string)Map(scrape, "authorization")["credentials_file"];
        var token = File.ReadAllText(mounts[tokenFile]).Trim();
        Assert.True(token.Length >= 16);
        foreach (var api in new[] { "api-1", "api-2" })
        {
            Assert.Equal(token, Map(Service(api), "environment")["Metrics__Token"]);
            Assert.Equal("service_healthy", Map(Map(prometheus, "depends_on"), api)["condition"]);
        }

        // promtool checks the configuration as the container sees it (the token file at its mounted path).
        var dir = Directory.CreateTempSubdirectory("kc-prometheus-config-").FullName;
        try
        {
            var local = Path.Combine(dir, "prometheus.yml");
            await File.WriteAllTextAsync(local, config.Replace(tokenFile, mounts[tokenFile], StringComparison.Ordinal));
            var psi = new System.Diagnostics.ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("check");
            psi.ArgumentList.Add("config");
            psi.ArgumentList.Add(local);
            using var check = System.Diagnostics.Process.Start(psi)!;
            var said = await check.StandardOutput.ReadToEndAsync() + await check.StandardError.ReadToEndAsync();
            await check.WaitForExitAsync();
            Assert.True(check.ExitCode == 0, "promtool check config: " + said);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
