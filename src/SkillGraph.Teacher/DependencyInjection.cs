using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Graph;

namespace SkillGraph.Teacher;

public static class DependencyInjection
{
    /// <summary>
    /// Registers <see cref="TeachingRun"/> and <see cref="JobDescriptionTeacher"/> (needs <c>AddSkillGraphApplication</c>
    /// and an <see cref="IGraphStore"/>). <paramref name="provider"/> is completed from the environment
    /// (<see cref="TeacherProviderOptions.FromEnvironment"/>); default: the offline teacher.
    /// </summary>
    public static IServiceCollection AddSkillGraphTeacher(this IServiceCollection services, TeacherProviderOptions? provider = null, string? cacheDirectory = null)
    {
        var options = (provider ?? new TeacherProviderOptions()).FromEnvironment();
        services.AddSingleton(options);
        services.AddSingleton(sp => new TeachingRun(sp.GetRequiredService<IMediator>(), sp.GetRequiredService<IGraphStore>(), sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => new JobDescriptionTeacher(sp.GetRequiredService<IMediator>(), sp.GetRequiredService<IGraphStore>(), options, cacheDirectory, sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IJobDescriptionWriter>(sp => sp.GetRequiredService<JobDescriptionTeacher>());
        return services;
    }
}
