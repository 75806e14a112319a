using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkillGraph.Application;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;
using SkillGraph.Graph.Import;

namespace SkillGraph.Teacher.Tests.Support;

/// <summary>
/// The full ESCO v1.1.1 graph imported once into a temporary SQLite store, with the application's real Mediator
/// pipeline (behaviours included) and the teacher registered over it — shared by the tests of a collection.
/// </summary>
public sealed class TeacherFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public string Directory { get; } = TestPaths.NewTempDirectory();

    public SqliteGraphStore Store { get; private set; } = null!;

    public string DatabasePath => Path.Combine(Directory, "esco.db");

    public IMediator Mediator { get; private set; } = null!;

    public IServiceProvider Services => _services!;

    public async Task InitializeAsync()
    {
        Store = await SqliteGraphStore.OpenAsync(new EmbeddedStoreOptions { Path = DatabasePath, SeedSampleWhenEmpty = false });
        using (var source = new DirectoryEscoSource(TestPaths.EscoDirectory))
        {
            await Store.WriteAsync(new EscoImporter().Read(source));
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IGraphStore>(Store);
        services.AddSkillGraphApplication();
        services.AddSkillGraphLocalOperator();
        services.AddSkillGraphTeacher(Path.Combine(Directory, "app-cache")); // options left unbound: the offline teacher
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Mediator = _services.GetRequiredService<IMediator>();
    }

    /// <summary>A new run over the fixture's store and mediator.</summary>
    public TeachingRun NewRun() => new(Mediator, Store);

    public string NewDirectory()
    {
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Store.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TeacherCollection : ICollectionFixture<TeacherFixture>
{
    public const string Name = "teacher over the full ESCO store";
}
