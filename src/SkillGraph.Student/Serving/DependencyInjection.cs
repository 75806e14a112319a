using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Student.Serving;

namespace Microsoft.Extensions.DependencyInjection;

public static class StudentServiceCollectionExtensions
{
    /// <summary>
    /// The student as the application's <see cref="ISkillExtractor"/> and <see cref="IResumeMatcher"/>, each loaded in the
    /// background on first use, and following every curation change (<see cref="IGraphChangeObserver"/>). Needs an
    /// <c>IGraphStore</c> and <see cref="StudentOptions"/> (bound by the host).
    /// </summary>
    public static IServiceCollection AddSkillGraphStudent(this IServiceCollection services)
    {
        services.AddSingleton<StudentSkillExtractor>();
        services.AddSingleton<ISkillExtractor>(sp => sp.GetRequiredService<StudentSkillExtractor>());
        services.AddSingleton<StudentResumeMatcher>();
        services.AddSingleton<IResumeMatcher>(sp => sp.GetRequiredService<StudentResumeMatcher>());
        services.AddSingleton<IGraphChangeObserver, StudentGraphObserver>();
        return services;
    }
}
