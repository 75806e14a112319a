using System.Numerics.Tensors;
using SkillGraph.Student;

namespace SkillGraph.StudentLab;

static class Lab
{
    /// <summary>Row-major [skills, 384]: normalize(pref + beta * mean(alt)).</summary>
    public static float[] LabelMatrix(SkillIndex index, float beta)
    {
        const int d = 384;
        var m = index.Preferred.Length;
        var result = new float[m * d];
        var counts = new int[m];
        var sums = new float[m * d];
        for (var a = 0; a < index.Alt.Length; a++)
        {
            var o = index.AltOwner[a];
            counts[o]++;
            TensorPrimitives.Add(sums.AsSpan(o * d, d), index.Alt[a], sums.AsSpan(o * d, d));
        }
        for (var i = 0; i < m; i++)
        {
            var dst = result.AsSpan(i * d, d);
            index.Preferred[i].CopyTo(dst);
            if (beta > 0 && counts[i] > 0)
            {
                var mean = sums.AsSpan(i * d, d);
                TensorPrimitives.Divide(mean, counts[i], mean);
                TensorPrimitives.MultiplyAdd(mean, beta, dst, dst);
            }
            MiniLmEncoder.Normalize(dst);
        }
        return result;
    }
}
