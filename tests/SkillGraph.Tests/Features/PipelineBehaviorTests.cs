using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SkillGraph.Application.Behaviors;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Occupations.GetRelatedOccupations;
using SkillGraph.Domain;
using SkillGraph.Graph.Embedded;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Features;

/// <summary>The behaviours that wrap every request: validation, logging, timing with a budget, metrics.</summary>
public sealed class PipelineBehaviorTests : IAsyncLifetime
{
    private readonly string _directory = TestPaths.NewTempDirectory();
    private SqliteGraphStore _store = null!;

    public async Task InitializeAsync() =>
        _store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = Path.Combine(_directory, "sample.db") });

    [Fact]
    public async Task A_request_over_its_time_budget_is_logged_as_a_warning_and_measured()
    {
        var measurements = new List<(string Instrument, string? Request)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ApplicationTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, tags.ToArray().FirstOrDefault(t => t.Key == "request").Value as string));
            }
        });
        listener.Start();

        using var host = new MediatorHost(_store, t => t.WarnAbove = TimeSpan.Zero);
        var developer = (await _store.SearchAsync(new SkillGraph.Graph.SearchQuery("software developer", ConceptKind.Occupation, 1)))[0].Uri;
        await host.Mediator.Send(new GetRelatedOccupations(developer, 5));

        Assert.Contains(host.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("GetRelatedOccupations took", StringComparison.Ordinal) && l.Message.Contains("over the 0 ms budget", StringComparison.Ordinal));
        lock (measurements)
        {
            Assert.Contains(("skillgraph.request.duration", "GetRelatedOccupations"), measurements);
        }
    }

    [Fact]
    public async Task An_invalid_request_never_reaches_its_handler_and_is_logged_as_failed()
    {
        using var host = new MediatorHost(_store);
        var error = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await host.Mediator.Send(new GetRelatedOccupations(ConceptUri.Parse("http://example.org/x"), First: 0, OptionalWeight: 2)));
        Assert.Equal(["first must be between 1 and 100 (got 0)", "optionalWeight must be between 0 and 1 (got 2)"], error.Errors);
        Assert.Contains(host.Logs.Lines, l => l.Message.StartsWith("GetRelatedOccupations failed", StringComparison.Ordinal));
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
