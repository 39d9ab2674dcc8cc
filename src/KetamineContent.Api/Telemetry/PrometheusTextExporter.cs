using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace KetamineContent.Api.Telemetry;

/// <summary>
/// Writes what the SDK collected in the Prometheus text exposition format 0.0.4: one family per metric name (help,
/// type, samples together), counters with <c>_total</c>, the unit as a suffix (milliseconds turned into seconds),
/// histograms as cumulative <c>_bucket</c>, <c>_sum</c> and <c>_count</c>. <see cref="Scrape"/> collects on demand.
/// </summary>
public sealed class PrometheusTextExporter : BaseExporter<Metric>
{
    private readonly Lock _gate = new();
    private readonly BaseExportingMetricReader _reader;
    private string _text = "";

    public PrometheusTextExporter() => _reader = new BaseExportingMetricReader(this);

    /// <summary>The reader to add to the meter provider: it collects only when scraped.</summary>
    public MetricReader Reader => _reader;

    public string Scrape()
    {
        lock (_gate)
        {
            _text = "";
            _reader.Collect();
            return _text;
        }
    }

    public override ExportResult Export(in Batch<Metric> batch)
    {
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var order = new List<Family>();
        foreach (var metric in batch)
        {
            var (name, type, scale) = PrometheusNames.Of(metric);
            if (type is null)
            {
                continue;
            }

            if (!families.TryGetValue(name, out var family))
            {
                family = new Family(name, type, new StringBuilder());
                family.Text.Append("# HELP ").Append(name).Append(' ').Append(PrometheusNames.Help(metric.Description, metric.Name)).Append('\n');
                family.Text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
                families.Add(name, family);
                order.Add(family);
            }
            else if (family.Type != type)
            {
                continue;
            }

            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                WritePoint(family.Text, name, metric.MetricType, point, scale);
            }
        }

        var text = new StringBuilder();
        foreach (var family in order)
        {
            text.Append(family.Text);
        }

        _text = text.ToString();
        return ExportResult.Success;
    }

    private static void WritePoint(StringBuilder text, string name, MetricType type, in MetricPoint point, double scale)
    {
        var labels = PrometheusNames.Labels(point.Tags);
        switch (type)
        {
            case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                Sample(text, name, labels, null, Number(point.GetSumLong() * scale));
                break;
            case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                Sample(text, name, labels, null, Number(point.GetSumDouble() * scale));
                break;
            case MetricType.LongGauge:
                Sample(text, name, labels, null, Number(point.GetGaugeLastValueLong() * scale));
                break;
            case MetricType.DoubleGauge:
                Sample(text, name, labels, null, Number(point.GetGaugeLastValueDouble() * scale));
                break;
            case MetricType.Histogram:
                long cumulative = 0;
                foreach (var bucket in point.GetHistogramBuckets())
                {
                    cumulative += bucket.BucketCount;
                    Sample(text, name + "_bucket", labels, Number(bucket.ExplicitBound * scale), cumulative.ToString(CultureInfo.InvariantCulture));
                }

                Sample(text, name + "_sum", labels, null, Number(point.GetHistogramSum() * scale));
                Sample(text, name + "_count", labels, null, point.GetHistogramCount().ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private sealed record Family(string Name, string Type, StringBuilder Text);
}
