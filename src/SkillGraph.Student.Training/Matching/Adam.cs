namespace SkillGraph.Student.Matching;

/// <summary>The Adam optimiser (Kingma &amp; Ba, 2015) over one parameter vector, with the usual β₁ 0.9, β₂ 0.999, ε 1e-8.</summary>
internal sealed class Adam(int size, double learningRate)
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
    private readonly double[] _m1 = new double[size];
    private readonly double[] _m2 = new double[size];

    /// <summary>One step at <paramref name="t"/> (1-based) down <paramref name="gradient"/>, in place on <paramref name="parameters"/>.</summary>
    public void Step(double[] parameters, double[] gradient, int t)
    {
        for (var k = 0; k < parameters.Length; k++)
        {
            var g = gradient[k];
            _m1[k] = (Beta1 * _m1[k]) + ((1 - Beta1) * g);
            _m2[k] = (Beta2 * _m2[k]) + ((1 - Beta2) * g * g);
            var step = learningRate * (_m1[k] / (1 - Math.Pow(Beta1, t))) / (Math.Sqrt(_m2[k] / (1 - Math.Pow(Beta2, t))) + Eps);
            parameters[k] -= step;
        }
    }
}
