using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Behaviors;

namespace SkillGraph.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the Mediator (source-generated), every handler of this assembly and the pipeline:
    /// telemetry (logging, timing, metrics) around validation around the handler.
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
            options.PipelineBehaviors = [typeof(TelemetryBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        return services;
    }
}
