using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace KetamineContent.Api.Telemetry;

/// <summary>OpenTelemetry names, units and tags as Prometheus spells them (the OpenTelemetry compatibility rules, briefly).</summary>
public static class PrometheusNames
{
    /// <summary>The family name, its type (null: not exported) and the factor applied to values (ms become seconds).</summary>
    public static (string Name, string? Type, double Scale) Of(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var (suffix, scale) = metric.Unit switch
        {
            "s" => ("seconds", 1.0),
            "ms" => ("seconds", 0.001),
            "By" => ("bytes", 1.0),
            "%" => ("percent", 1.0),
            _ => ("", 1.0),
        };
        var name = Sanitize(metric.Name, allowColon: true);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        string? type;
        switch (metric.MetricType)
        {
            case MetricType.LongSum or MetricType.DoubleSum:
                type = "counter";
                if (!name.EndsWith("_total", StringComparison.Ordinal))
                {
                    name += "_total";
                }

                break;
            case MetricType.LongGauge or MetricType.DoubleGauge or MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic:
                type = "gauge";
                // promtool keeps _count (and _sum, _bucket) for histograms: db.client.connection.count becomes db_client_connection.
                foreach (var reserved in (string[])["_count", "_sum", "_bucket"])
                {
                    if (name.EndsWith(reserved, StringComparison.Ordinal))
                    {
                        name = name[..^reserved.Length];
                    }
                }

                break;
            case MetricType.Histogram:
                type = "histogram";
                break;
            default:
                type = null;
                break;
        }

        return (name, type, scale);
    }

    /// <summary>Tags as <c>name="value"</c> pairs, names sanitised, values escaped.</summary>
    public static string Labels(ReadOnlyTagCollection tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            var value = tag.Value switch
            {
                null => "",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => tag.Value.ToString() ?? "",
            };
            text.Append(Sanitize(tag.Key, allowColon: false)).Append("=\"");
            foreach (var c in value)
            {
                text.Append(c switch { '\\' => "\\\\", '"' => "\\\"", '\n' => "\\n", _ => c.ToString() });
            }

            text.Append('"');
        }

        return text.ToString();
    }

    public static string Help(string? description, string fallback)
    {
        var help = string.IsNullOrWhiteSpace(description) ? fallback : description;
        return help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>Every character outside [a-zA-Z0-9_] (and ':' in metric names) becomes '_', runs of '_' collapse, no leading digit.</summary>
    public static string Sanitize(string name, bool allowColon)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            if (ok)
            {
                text.Append(c);
            }
            else if (text.Length == 0 || text[^1] != '_')
            {
                text.Append('_');
            }
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
