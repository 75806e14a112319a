using SkillGraph.Student.Training;

namespace SkillGraph.Tests.Student;

/// <summary>The rule the extractor's knobs are chosen by (docs/decisions/0022): the smallest worst-case relative drop, then the mean.</summary>
public sealed class KnobSelectionTests
{
    private static KnobCell Cell(float lambda, params double[] scores) => new(new KnobSetting(lambda, 0.5f, 0f), scores);

    [Fact]
    public void TheSettingThatWinsOneStyleButCollapsesOnAnotherLoses()
    {
        // λ 1 is best on the first style (the training sentences' own style) and far behind on the second; λ 0.6 is a little
        // behind on the first and best on the second: its worst drop (0.9) is smaller than λ 1's (0.7).
        var cells = KnobSelection.Normalise([Cell(1f, 0.68, 0.70), Cell(0.6f, 0.612, 1.0), Cell(0.4f, 0.40, 0.95)]);

        var chosen = KnobSelection.Choose(cells);

        Assert.Equal(0.6f, chosen.Setting.Interpolation);
        Assert.Equal(0.9, chosen.Worst, 6);
        Assert.Equal([1.0, 0.7], cells[0].Relative);
    }

    [Fact]
    public void EqualWorstDropsAreDecidedByTheMeanThenByTheGridOrder()
    {
        var cells = KnobSelection.Normalise([Cell(1f, 0.8, 1.0, 0.9), Cell(0.8f, 0.8, 0.9, 1.0), Cell(0.6f, 1.0, 0.8, 1.0)]);

        Assert.Equal(0.6f, KnobSelection.Choose(cells).Setting.Interpolation);
        Assert.Equal(1f, KnobSelection.Choose(cells.Take(2).ToList()).Setting.Interpolation);
    }

    [Fact]
    public void OneStyleAloneChoosesItsBestFigure()
    {
        var cells = KnobSelection.Normalise([Cell(1f, 0.55), Cell(0.8f, 0.68), Cell(0.6f, 0.61)]);

        Assert.Equal(0.8f, KnobSelection.Choose(cells).Setting.Interpolation);
    }
}
