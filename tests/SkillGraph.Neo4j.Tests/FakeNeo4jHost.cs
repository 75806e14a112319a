using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillGraph.Application;
using SkillGraph.Graph;
using SkillGraph.Graph.Neo4j;
using SkillGraph.Graph.Sample;

namespace SkillGraph.Neo4j.Tests;

/// <summary>The application's Mediator pipeline (as the local operator) over the Neo4j adapter and the sample graph in a <see cref="FakeQueryApi"/>.</summary>
public sealed class FakeNeo4jHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private FakeNeo4jHost(FakeQueryApi server, Neo4jGraphStore store, ServiceProvider services)
    {
        Server = server;
        Store = store;
        _services = services;
        Mediator = services.GetRequiredService<IMediator>();
    }

    public FakeQueryApi Server { get; }

    public Neo4jGraphStore Store { get; }

    public IMediator Mediator { get; }

    /// <summary>Starts the fake, writes the sample graph (then <paramref name="seed"/>'s batch, if any) and builds the pipeline.</summary>
    public static async Task<FakeNeo4jHost> StartAsync(Func<IGraphStore, Task<GraphBatch>>? seed = null)
    {
        var server = new FakeQueryApi();
        var store = await Neo4jGraphStore.ConnectAsync(new Neo4jOptions { Url = server.Url, User = "neo4j", Password = "secret" });
        await store.WriteAsync(SampleGraph.Load());
        if (seed is not null)
        {
            await store.WriteAsync(await seed(store));
        }

        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IGraphStore>(store);
        services.AddSkillGraphApplication();
        services.AddSkillGraphLocalOperator();
        return new FakeNeo4jHost(server, store, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Store.Dispose();
        Server.Dispose();
    }
}
