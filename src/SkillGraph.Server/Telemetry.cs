using System.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SkillGraph.Server;

/// <summary>
/// Traces and metrics of the server: one activity per GraphQL request (operation name, errors) besides the
/// ASP.NET Core ones. Exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so that a server
/// without a collector pays nothing.
/// </summary>
public static class Telemetry
{
    public const string SourceName = "SkillGraph.Server";

    public static ActivitySource Source { get; } = new(SourceName);

    public static IServiceCollection AddSkillGraphTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("skillgraph-server"))
            .WithTracing(tracing => tracing.AddSource(SourceName).AddAspNetCoreInstrumentation().AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(Student.StudentTelemetry.MeterName).AddOtlpExporter());
        return services;
    }
}
