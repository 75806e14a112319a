using GraphQL.Types;
using SkillGraph.Domain;

namespace SkillGraph.Server.GraphQL.Nodes;

/// <summary>
/// The <c>Node</c> interface of Relay's global object identification: anything with a global <c>id</c> that
/// <c>node(id)</c> fetches again. Every concept type implements it (through <c>Concept</c>).
/// </summary>
public sealed class NodeInterface : InterfaceGraphType<Concept>
{
    public const string IdDescription = "A global id: opaque, stable and URL-safe; `node(id)` fetches this object again.";

    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global id (Relay's global object identification): `node(id)` and `nodes(ids)` fetch it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description(IdDescription);
    }
}
