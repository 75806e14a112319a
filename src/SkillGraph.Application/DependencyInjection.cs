using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Behaviors;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Graph;

namespace SkillGraph.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the Mediator (source-generated), every handler of this assembly and the pipeline:
    /// telemetry (logging, timing, metrics) around authorization around validation around the handler. The model ports
    /// (student, teacher) answer <c>MODEL_UNAVAILABLE</c> until a host registers adapters for them, the key store
    /// <c>STORE_UNAVAILABLE</c>. The caller (<see cref="ICurrentUser"/>) is nobody, so every request is refused
    /// (<c>UNAUTHENTICATED</c>), until the host says who calls: the server from the HTTP request, an in-process host
    /// with <see cref="AddSkillGraphLocalOperator"/>.
    /// </summary>
    public static IServiceCollection AddSkillGraphApplication(this IServiceCollection services, Action<RequestTimingOptions>? timing = null)
    {
        var timingOptions = new RequestTimingOptions();
        timing?.Invoke(timingOptions);
        services.AddSingleton(timingOptions);
        services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "SkillGraph.Application.Mediator";
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.Assemblies = [typeof(DependencyInjection)];
            options.PipelineBehaviors = [typeof(TelemetryBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        // The ports of the model-backed slices, refused until a host plugs an adapter in (AddSkillGraphStudent, AddSkillGraphTeacher).
        services.TryAddSingleton<MissingPorts>();
        services.TryAddSingleton<ISkillExtractor>(sp => sp.GetRequiredService<MissingPorts>());
        services.TryAddSingleton<IResumeMatcher>(sp => sp.GetRequiredService<MissingPorts>());
        services.TryAddSingleton<IJobDescriptionWriter>(sp => sp.GetRequiredService<MissingPorts>());
        services.TryAddSingleton<IApiKeyStore, NoApiKeyStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICurrentUser, NobodySignedIn>();

        // Curation: one writer per process (changes run one at a time); the URI namespace from section Curation when the host binds it.
        services.AddOptions<CurationOptions>();
        services.TryAddSingleton<CurationWriter>();
        services.TryAddSingleton<ChangeLogFollower>();
        services.TryAddSingleton<CurationBatch>();

        // The occupation titles texts name, from the graph's labels; it follows curation like the student does.
        services.TryAddSingleton<OccupationTitles>();
        services.AddSingleton<IGraphChangeObserver>(sp => sp.GetRequiredService<OccupationTitles>());

        // Proposals live in the graph's store: a host whose IGraphStore is an adapter gets them from it; a host that wraps the store registers its own.
        services.TryAddSingleton<IProposalStore>(sp => new GraphStoreProposals(sp.GetRequiredService<IGraphStore>()));
        return services;
    }

    /// <summary>
    /// The caller of every request is the local operator, with the admin's rights (<see cref="LocalOperator"/>): for
    /// in-process hosts whose user already holds the files (the CLI, benchmarks, tests). Never for a network host.
    /// </summary>
    public static IServiceCollection AddSkillGraphLocalOperator(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ICurrentUser>(LocalOperator.Instance));
        return services;
    }
}
