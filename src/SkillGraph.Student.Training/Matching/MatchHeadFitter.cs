namespace SkillGraph.Student.Matching;

/// <summary>
/// Fits the match head's weights: standardises the features (NaN imputed with the mean), then full-batch
/// <see cref="Adam"/> on the cross-entropy with L2 on the weights; a logistic regression, or a one-hidden-layer ReLU MLP
/// when <see cref="MatcherTrainOptions.Hidden"/> &gt; 0. Deterministic for a seed.
/// </summary>
internal static class MatchHeadFitter
{
    public static MatchHeadWeights Fit(List<float[]> rows, List<float> labels, MatcherTrainOptions options)
    {
        var n = rows.Count;
        var f = rows[0].Length;
        var h = Math.Max(1, options.Hidden);
        var mlp = options.Hidden > 0;
        var mean = new float[f];
        var scale = new float[f];
        for (var j = 0; j < f; j++)
        {
            // A feature the text does not give (NaN, e.g. no stated years) is imputed with the mean of those it gives.
            var known = rows.Where(r => !float.IsNaN(r[j])).ToList();
            var mu = known.Count == 0 ? 0 : known.Average(r => (double)r[j]);
            var sd = known.Count == 0 ? 1 : Math.Sqrt(known.Average(r => (r[j] - mu) * (r[j] - mu)));
            mean[j] = (float)mu;
            scale[j] = sd > 1e-6 ? (float)sd : 1f;
        }

        var x = new double[n, f];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < f; j++)
            {
                x[i, j] = options.DisabledFeatures.Contains(j) || float.IsNaN(rows[i][j]) ? 0 : (rows[i][j] - mean[j]) / scale[j];
            }
        }

        var random = new Random(options.Seed);
        var p = new double[(f * h) + h + (mlp ? h + 1 : 0)]; // w1 [f,h], b1 [h], w2 [h], b2
        if (mlp)
        {
            // Non-negative heads start from positive weights (a ReLU unit with only negative inputs would never learn).
            var low = options.NonNegative ? 0.0 : -1.0;
            for (var k = 0; k < f * h; k++)
            {
                p[k] = (low + ((1 - low) * random.NextDouble())) * Math.Sqrt(6.0 / (f + h));
            }

            for (var k = 0; k < h; k++)
            {
                p[(f * h) + h + k] = (low + ((1 - low) * random.NextDouble())) * Math.Sqrt(6.0 / (h + 1));
            }
        }

        var grad = new double[p.Length];
        var adam = new Adam(p.Length, options.LearningRate);
        var hidden = new double[h];
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Array.Clear(grad);
            for (var i = 0; i < n; i++)
            {
                double logit;
                if (!mlp)
                {
                    logit = p[f];
                    for (var j = 0; j < f; j++)
                    {
                        logit += x[i, j] * p[j];
                    }
                }
                else
                {
                    logit = p[^1];
                    for (var k = 0; k < h; k++)
                    {
                        var z = p[(f * h) + k];
                        for (var j = 0; j < f; j++)
                        {
                            z += x[i, j] * p[(j * h) + k];
                        }

                        hidden[k] = Math.Max(0, z);
                        logit += hidden[k] * p[(f * h) + h + k];
                    }
                }

                var d = (1 / (1 + Math.Exp(-logit))) - labels[i]; // dLoss/dlogit
                if (!mlp)
                {
                    for (var j = 0; j < f; j++)
                    {
                        grad[j] += d * x[i, j];
                    }

                    grad[f] += d;
                    continue;
                }

                grad[^1] += d;
                for (var k = 0; k < h; k++)
                {
                    grad[(f * h) + h + k] += d * hidden[k];
                    if (hidden[k] <= 0)
                    {
                        continue;
                    }

                    var dz = d * p[(f * h) + h + k];
                    grad[(f * h) + k] += dz;
                    for (var j = 0; j < f; j++)
                    {
                        grad[(j * h) + k] += dz * x[i, j];
                    }
                }
            }

            // The pairwise term (RankNet on the two rows of a triple, matched minus unmatched): what pairwise accuracy asks for.
            // Rows come in (matched, unmatched) pairs; only the linear head takes it (the bias cancels in the difference).
            if (!mlp && options.PairwiseWeight > 0)
            {
                for (var i = 0; i + 1 < n; i += 2)
                {
                    var diff = 0.0;
                    for (var j = 0; j < f; j++)
                    {
                        diff += (x[i, j] - x[i + 1, j]) * p[j];
                    }

                    var d = options.PairwiseWeight * 2 * ((1 / (1 + Math.Exp(-diff))) - 1);
                    for (var j = 0; j < f; j++)
                    {
                        grad[j] += d * (x[i, j] - x[i + 1, j]);
                    }
                }
            }

            for (var k = 0; k < p.Length; k++)
            {
                var isWeight = k < f * h || (mlp && k >= (f * h) + h && k < p.Length - 1);
                grad[k] = (grad[k] / n) + (isWeight ? options.L2 * p[k] : 0);
            }

            adam.Step(p, grad, epoch);
            if (options.NonNegative)
            {
                // Projected gradient: every feature is monotone in the resume's evidence, so non-negative weights (in both layers of
                // the MLP, whose ReLU is monotone too) keep the score monotone. Biases stay free.
                for (var k = 0; k < f * h; k++)
                {
                    p[k] = Math.Max(0, p[k]);
                }

                for (var k = 0; mlp && k < h; k++)
                {
                    p[(f * h) + h + k] = Math.Max(0, p[(f * h) + h + k]);
                }
            }

            foreach (var j in options.DisabledFeatures)
            {
                for (var k = 0; k < h; k++)
                {
                    p[(j * h) + k] = 0;
                }
            }
        }

        return new MatchHeadWeights(
            mean,
            scale,
            [.. p.Take(f * h).Select(v => (float)v)],
            [.. p.Skip(f * h).Take(h).Select(v => (float)v)],
            mlp ? [.. p.Skip((f * h) + h).Take(h).Select(v => (float)v)] : null,
            mlp ? (float)p[^1] : 0f);
    }

    /// <summary>
    /// Platt scaling: the a &gt; 0 and b for which sigmoid(a·logit + b) best fits <paramref name="labels"/> (cross-entropy, Newton's
    /// method on the two parameters). As in Platt (1999) the targets are (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2) rather than 1 and 0, so
    /// that a small calibration set the head separates perfectly does not drive a to infinity; a stays within [0.001, 100].
    /// Fitted on data the head was not fitted on.
    /// </summary>
    public static (double A, double B) FitPlatt(IReadOnlyList<double> logits, IReadOnlyList<float> labels)
    {
        var positives = labels.Count(l => l > 0.5f);
        var negatives = labels.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        double a = 1, b = 0;
        double Loss(double pa, double pb)
        {
            var loss = 0.0;
            for (var i = 0; i < logits.Count; i++)
            {
                var z = (pa * logits[i]) + pb;
                var t = labels[i] > 0.5f ? high : low;

                // log(1 + e^z) − t·z, computed without overflow
                loss += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - (t * z);
            }

            return loss;
        }

        var current = Loss(a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (var i = 0; i < logits.Count; i++)
            {
                var p = 1 / (1 + Math.Exp(-((a * logits[i]) + b)));
                var d = p - (labels[i] > 0.5f ? high : low);
                var w = p * (1 - p);
                ga += d * logits[i];
                gb += d;
                haa += w * logits[i] * logits[i];
                hab += w * logits[i];
                hbb += w;
            }

            var det = (haa * hbb) - (hab * hab);
            var (da, db) = Math.Abs(det) > 1e-18 ? (((hbb * ga) - (hab * gb)) / det, ((haa * gb) - (hab * ga)) / det) : (ga, gb);

            // Backtracking: halve the Newton step until the loss falls (saturated logits make the Hessian near singular).
            var step = 1.0;
            var improved = false;
            for (var halving = 0; halving < 40; halving++, step /= 2)
            {
                var (na, nb) = (Math.Clamp(a - (step * da), 1e-3, 100), b - (step * db));
                var loss = Loss(na, nb);
                if (loss < current)
                {
                    (a, b, current, improved) = (na, nb, loss, true);
                    break;
                }
            }

            if (!improved || step * (Math.Abs(da) + Math.Abs(db)) < 1e-9)
            {
                break;
            }
        }

        return (a, b);
    }
}
