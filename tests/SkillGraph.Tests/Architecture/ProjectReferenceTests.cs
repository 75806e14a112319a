using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using SkillGraph.Graph;
using SkillGraph.Graph.Embedded;

namespace SkillGraph.Tests.Architecture;

/// <summary>
/// The layering the solution promises: the application reaches no storage technology, the port is only the port,
/// and the server ships without the training code. Checked on the built assemblies and on the project files.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly string[] SqlitePrefixes = ["Microsoft.Data.Sqlite", "SQLitePCLRaw"];

    private static readonly string SourceRoot = Path.Combine(TestPaths.RepositoryRoot, "src");

    [Fact]
    public void The_application_assembly_reaches_no_sqlite_assembly_even_transitively()
    {
        var reached = ReferencedClosure(typeof(SkillGraph.Application.DependencyInjection).Assembly);

        Assert.Contains("SkillGraph.Graph", reached);
        Assert.DoesNotContain(reached, name => SqlitePrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void The_same_walk_from_the_embedded_adapter_does_reach_sqlite()
    {
        // The walk above can fail: from the adapter that uses SQLite, it finds it.
        var reached = ReferencedClosure(typeof(SqliteGraphStore).Assembly);

        Assert.Contains("Microsoft.Data.Sqlite", reached);
        Assert.Contains(reached, name => name.StartsWith("SQLitePCLRaw", StringComparison.Ordinal));
    }

    [Fact]
    public void No_project_the_application_references_even_transitively_uses_a_sqlite_package()
    {
        var projects = ProjectClosure(Path.Combine(SourceRoot, "SkillGraph.Application", "SkillGraph.Application.csproj"));

        var names = projects.Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Contains("SkillGraph.Graph", names);
        Assert.Contains("SkillGraph.Domain", names);
        Assert.DoesNotContain("SkillGraph.Graph.Embedded", names);
        var packages = projects.SelectMany(p => Items(p, "PackageReference").Select(package => $"{Path.GetFileName(p)}: {package}"));
        Assert.DoesNotContain(packages, p => SqlitePrefixes.Any(prefix => p.Contains(": " + prefix, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void The_graph_port_references_only_the_domain()
    {
        var project = Path.Combine(SourceRoot, "SkillGraph.Graph", "SkillGraph.Graph.csproj");
        Assert.Equal(["SkillGraph.Domain.csproj"], Items(project, "ProjectReference").Select(Path.GetFileName));
        Assert.Empty(Items(project, "PackageReference"));

        var referenced = typeof(IGraphStore).Assembly.GetReferencedAssemblies()
            .Where(name => !IsFramework(Assembly.Load(name)))
            .Select(name => name.Name);
        Assert.Equal(["SkillGraph.Domain"], referenced);
    }

    [Fact]
    public void The_servers_build_output_holds_no_training_code()
    {
        // The configuration this test was built in (bin/<configuration>/net10.0/), as the solution builds the server.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var output = Path.Combine(SourceRoot, "SkillGraph.Server", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "SkillGraph.Server.dll")), $"the server is not built in {output}: build the solution first.");

        Assert.False(File.Exists(Path.Combine(output, "SkillGraph.Student.Training.dll")), $"{output} holds SkillGraph.Student.Training.dll");
        Assert.DoesNotContain("SkillGraph.Student.Training", File.ReadAllText(Path.Combine(output, "SkillGraph.Server.deps.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "SkillGraph.Student.dll")), "the serving student should be there");
    }

    /// <summary>The names of every assembly <paramref name="root"/> references, directly or through others, loaded by name; the shared framework is not walked into.</summary>
    private static SortedSet<string> ReferencedClosure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (seen.Add(name.Name!))
                {
                    var loaded = Assembly.Load(name);
                    if (!IsFramework(loaded))
                    {
                        pending.Push(loaded);
                    }
                }
            }
        }

        return seen;
    }

    private static bool IsFramework(Assembly assembly) =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetDirectoryName(assembly.Location) ?? string.Empty),
            Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory()),
            StringComparison.Ordinal);

    /// <summary>The project file and every project it references, directly or through others (full paths).</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in Items(next, "ProjectReference"))
                {
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference)));
                }
            }
        }

        return seen;
    }

    /// <summary>The Include of every item of <paramref name="kind"/> in a project file (paths with this system's separator).</summary>
    private static List<string> Items(string project, string kind) =>
        [.. XDocument.Load(project).Descendants(kind).Select(item => (string?)item.Attribute("Include")).OfType<string>().Select(i => i.Replace('\\', Path.DirectorySeparatorChar))];
}
