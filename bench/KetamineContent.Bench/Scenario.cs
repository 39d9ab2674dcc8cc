namespace KetamineContent.Bench;

/// <summary>A read scenario: where it is served, the header it sends, and what it is compared with (the ceiling, or the plain Dapper baseline).</summary>
public sealed record Scenario(string Name, string Url, string[] Headers, string CompareUrl, string CompareName, int Connections = 64);

/// <param name="WrongAnswers">Of <paramref name="Errors"/>, the answers with a wrong status (what --quick judges); the rest are timeouts and socket errors.</param>
public sealed record Measured(string Size, string Name, double Rps, double P50, double P95, double P99, long Errors, double CompareRps, double Ratio, string CompareName, long WrongAnswers = 0);
