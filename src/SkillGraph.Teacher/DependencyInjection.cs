using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Graph;

namespace SkillGraph.Teacher;

public static class DependencyInjection
{
    /// <summary>
    /// Registers <see cref="TeachingRun"/> and <see cref="JobDescriptionTeacher"/> (needs <c>AddSkillGraphApplication</c>
    /// and an <see cref="IGraphStore"/>) over <see cref="IOptions{TeacherProviderOptions}"/>, which the host binds
    /// (section <see cref="TeacherProviderOptions.Section"/>, see <see cref="TeacherConfiguration"/>); unbound, the
    /// offline teacher. The options are checked by <see cref="TeacherProviderOptionsValidator"/>.
    /// </summary>
    public static IServiceCollection AddSkillGraphTeacher(this IServiceCollection services, string? cacheDirectory = null)
    {
        services.AddOptions<TeacherProviderOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeacherProviderOptions>, TeacherProviderOptionsValidator>());
        services.AddSingleton(sp => new TeachingRun(sp.GetRequiredService<IMediator>(), sp.GetRequiredService<IGraphStore>(), sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => new JobDescriptionTeacher(sp.GetRequiredService<IMediator>(), sp.GetRequiredService<IGraphStore>(), sp.GetRequiredService<IOptions<TeacherProviderOptions>>().Value, cacheDirectory, sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IJobDescriptionWriter>(sp => sp.GetRequiredService<JobDescriptionTeacher>());
        return services;
    }
}
