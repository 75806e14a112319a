using System.Globalization;

namespace SkillGraph.Student.Training;

/// <summary>One setting of the extractor's knobs: interpolation λ, fusion weight α, graph re-ranking β (0 = off).</summary>
public sealed record KnobSetting(float Interpolation, float Alpha, float GraphWeight)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"λ {Interpolation} α {Alpha} β {GraphWeight}");
}

/// <summary>A setting with its figure on every held-out style (in the order of the styles) and its standing under <see cref="KnobSelection"/>.</summary>
public sealed record KnobCell(KnobSetting Setting, IReadOnlyList<double> Scores)
{
    /// <summary>Each figure divided by the best figure any setting of the grid reached on that style.</summary>
    public IReadOnlyList<double> Relative { get; init; } = [];

    /// <summary>The smallest of <see cref="Relative"/>: 1 − the worst relative drop against the best setting of a style.</summary>
    public double Worst => Relative.Count == 0 ? 0 : Relative.Min();

    /// <summary>The mean of <see cref="Relative"/>.</summary>
    public double Mean => Relative.Count == 0 ? 0 : Relative.Average();

    /// <summary>The setting and its figures (×100), with the worst and mean relative figure once <see cref="KnobSelection.Normalise"/> filled them in.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Setting}: {string.Join(" · ", Scores.Select(s => (s * 100).ToString("F1", CultureInfo.InvariantCulture)))}")
        + (Relative.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; worst {Worst:F3}, mean {Mean:F3}"));
}

/// <summary>
/// The rule the extractor's knobs are chosen by (docs/decisions/0022), written down before any figure was seen: on every
/// held-out style s, a setting's figure is divided by the best figure of any setting on s (r_s ≤ 1); the setting with the
/// largest smallest r_s wins — the smallest worst-case relative drop against the best per style — ties broken by the larger
/// mean of r_s, then by the order of the grid. One style alone reduces to "the best figure on it".
/// </summary>
public static class KnobSelection
{
    /// <summary>The cells with their relative figures filled in, in the order given.</summary>
    public static IReadOnlyList<KnobCell> Normalise(IReadOnlyList<KnobCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            return cells;
        }

        var styles = cells[0].Scores.Count;
        if (cells.Any(c => c.Scores.Count != styles))
        {
            throw new ArgumentException("every cell needs a figure on every style", nameof(cells));
        }

        var best = Enumerable.Range(0, styles).Select(s => cells.Max(c => c.Scores[s])).ToArray();
        return [.. cells.Select(c => c with { Relative = [.. c.Scores.Select((v, s) => best[s] > 0 ? v / best[s] : 1.0)] })];
    }

    /// <summary>The setting the rule chooses among <paramref name="cells"/> (already <see cref="Normalise"/>d).</summary>
    public static KnobCell Choose(IReadOnlyList<KnobCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            throw new ArgumentException("no setting to choose from", nameof(cells));
        }

        var chosen = cells[0];
        foreach (var cell in cells.Skip(1))
        {
            if (cell.Worst > chosen.Worst || (cell.Worst == chosen.Worst && cell.Mean > chosen.Mean))
            {
                chosen = cell;
            }
        }

        return chosen;
    }
}
