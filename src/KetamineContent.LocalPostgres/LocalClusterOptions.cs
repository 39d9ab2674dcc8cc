namespace KetamineContent.LocalPostgres;

public sealed record LocalClusterOptions
{
    /// <summary>Where the cluster's files live (created when missing).</summary>
    public required string RootDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>False turns off fsync and friends: right for throw-away test clusters only.</summary>
    public bool Durable { get; init; } = true;

    /// <summary>Extra server settings (-c name=value), for example max_connections.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
