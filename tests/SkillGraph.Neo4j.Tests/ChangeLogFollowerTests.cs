using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillGraph.Application;
using SkillGraph.Application.Features.Curation;
using SkillGraph.Application.Features.Curation.CreateConcept;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;

namespace SkillGraph.Neo4j.Tests;

/// <summary>Two servers over one Neo4j database: what one changes, the other's observers hear of at its next poll of the change log.</summary>
public sealed class ChangeLogFollowerTests
{
    [Fact]
    public async Task A_change_made_through_one_server_reaches_the_other_servers_observers_once()
    {
        await using var first = await FakeNeo4jHost.StartAsync();
        using var secondStore = await Neo4jGraphStore.ConnectAsync(new Neo4jOptions { Url = first.Server.Url, User = "neo4j", Password = "secret" });
        var heard = new RecordingObserver();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IGraphStore>(secondStore);
        services.AddSingleton<IGraphChangeObserver>(heard);
        services.AddSkillGraphApplication();
        services.AddSkillGraphLocalOperator();
        await using var second = services.BuildServiceProvider();
        var follower = second.GetRequiredService<ChangeLogFollower>();

        Assert.Equal(0, await follower.PollAsync(CancellationToken.None));
        var created = await first.Mediator.Send(new CreateConcept(ConceptKind.Skill, "tune a wood-fired oven", [], null, "bakery"));

        Assert.Equal(1, await follower.PollAsync(CancellationToken.None));
        Assert.Equal([created.Concept!.Uri], heard.Concepts);
        Assert.Equal(0, await follower.PollAsync(CancellationToken.None)); // seen: not passed on again
        Assert.Single(heard.Concepts);
    }

    private sealed class RecordingObserver : IGraphChangeObserver
    {
        public ConcurrentQueue<ConceptUri> Concepts { get; } = new();

        public ValueTask OnConceptsChangedAsync(IReadOnlyList<ConceptUri> concepts, CancellationToken cancellationToken)
        {
            foreach (var concept in concepts)
            {
                Concepts.Enqueue(concept);
            }

            return ValueTask.CompletedTask;
        }
    }
}
