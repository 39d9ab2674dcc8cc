using Dapper;
using KetamineContent.Api.Delivery;
using Npgsql;

namespace KetamineContent.Api.Trust;

/// <summary>Section "Content", as the grade gate reads it: <c>MaxGradeLevel</c> (Flesch-Kincaid grade; unset: no gate).</summary>
public sealed class ReadabilityOptions
{
    public double? MaxGradeLevel { get; set; }
}

/// <summary>What the gate decided: a reason not to publish, or the override to record in the audit row (both null: nothing to say).</summary>
public sealed record GradeDecision(string? Reason, object? Override);

/// <summary>
/// Publishing an English article whose Flesch-Kincaid grade (all sections together) is above Content:MaxGradeLevel
/// needs an <c>overrideReason</c>, which the publish (or schedule) audit row records. Revisions never change, so the
/// decision taken when a publication is scheduled stands when it is applied.
/// </summary>
public static class GradeGate
{
    public static async Task<GradeDecision> CheckAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid id, int number, double? maxGrade, string? overrideReason, CancellationToken ct)
    {
        if (maxGrade is not double max)
        {
            return new GradeDecision(null, null);
        }

        var row = await c.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(Editing.ManageSql.RevisionContent, new { Id = id, Number = number }, tx, cancellationToken: ct));
        if (row is null || Readability.Of(DeliveryMapping.ToDocument(row))?.Article.FleschKincaidGrade is not double grade || grade <= max)
        {
            return new GradeDecision(null, null);
        }

        return string.IsNullOrWhiteSpace(overrideReason)
            ? new GradeDecision($"Revision {number} reads at Flesch-Kincaid grade {grade:0.0}, above Content:MaxGradeLevel {max:0.##}; simplify it, or publish with an 'overrideReason'.", null)
            : new GradeDecision(null, new { OverrideReason = overrideReason.Trim(), FleschKincaidGrade = grade, MaxGradeLevel = max });
    }
}
