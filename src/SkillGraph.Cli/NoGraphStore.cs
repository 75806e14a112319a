using System.Reflection;
using SkillGraph.Domain;
using SkillGraph.Graph;

namespace SkillGraph.Cli;

/// <summary>
/// The graph store of a verb that opens none (<c>keys</c>): Mediator builds every handler at the first <c>Send</c>, so
/// the graph walks' handlers need an <see cref="IGraphStore"/> even when the verb never reads the graph. Every call is
/// refused with <c>STORE_UNAVAILABLE</c>. A proxy, so that it follows the port as the port changes.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy.Create needs a non-sealed type
internal class NoGraphStore : DispatchProxy
#pragma warning restore CA1852
{
    public static IGraphStore Create() => DispatchProxy.Create<IGraphStore, NoGraphStore>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == nameof(IDisposable.Dispose) ? null
        : throw new SkillGraphException(ErrorCode.StoreUnavailable, "this verb opened no graph store.");
}
