using BenchmarkDotNet.Running;
using SkillGraph.Bench;

if (args.Length > 0 && args[0] == "profile")
{
    return Profile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300, args.Length > 2 ? args[2] : null);
}

if (args.Length > 0 && args[0] == "student")
{
    return StudentTiming.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1, args.Contains("--narrow-when-busy"), args.Contains("--batch"));
}

if (args.Length > 0 && args[0] == "verify")
{
    return AnswerCheck.Run(args.Length > 1 ? args[1] : null);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
