using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using SkillGraph.Domain;
using SkillGraph.Graph;
using SkillGraph.Server.GraphQL.Nodes;

namespace SkillGraph.Server.GraphQL.Common;

/// <summary>The fields every concept has; added to the <c>Concept</c> interface and to each concept type.</summary>
public static class ConceptFields
{
    public static void AddTo(ObjectGraphType<Concept> type)
    {
        type.Field<NonNullGraphType<IdGraphType>>("id").Description(NodeInterface.IdDescription).Resolve(c => NodeId.Encode(c.Source.Uri));
        type.Field<NonNullGraphType<StringGraphType>>("uri").Description("The concept's URI (its identity).").Resolve(c => c.Source.Uri.Value);
        type.Field<NonNullGraphType<ConceptKindType>>("kind").Resolve(c => c.Source.Kind);
        type.Field<NonNullGraphType<StringGraphType>>("preferredLabel").Resolve(c => c.Source.PreferredLabel);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("altLabels")
            .Description("Alternative labels (English).")
            .Resolve(c => c.Source.AltLabels());
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("hiddenLabels")
            .Description("Hidden labels: misspellings and old terms that search should still find.")
            .Resolve(c => c.Source.HiddenLabels());
        type.Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        type.Field<StringGraphType>("code").Description("ISCO code of an ISCO group; ESCO code of an occupation or skill group.").Resolve(c => c.Source.Code);
        type.Field<NonNullGraphType<StringGraphType>>("status").Resolve(c => c.Source.Status);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EscoCollectionType>>>>("collections")
            .Resolve(c => EscoCollectionType.Flags(c.Source.Collections));
        type.Field<NonNullGraphType<ConceptConnectionType>>("broader")
            .Description("The concepts directly above this one in its hierarchy.")
            .WithPaging()
            .Resolve(c => Walk(c, RelationType.Broader, Direction.Outgoing));
        type.Field<NonNullGraphType<ConceptConnectionType>>("narrower")
            .Description("The concepts directly below this one in its hierarchy.")
            .WithPaging()
            .Resolve(c => Walk(c, RelationType.Broader, Direction.Incoming));
        type.Field<NonNullGraphType<AncestorConnectionType>>("ancestors")
            .Description("Every concept above this one up to the top of its pillar (the hierarchy paths), nearest first.")
            .WithPaging()
            .Resolve(c =>
            {
                var page = c.PageRequest();
                return c.Loaders().Ancestors(c.Source.Uri).Then(all => AncestorPage.Slice(all, page));
            });
        type.Field<NonNullGraphType<IntGraphType>>("version")
            .Description("Grows by one with every change of the concept (its content or its outgoing relations); pass it as expectedVersion when you change it.")
            .Resolve(c => (int)c.Source.Version);
        Curation.ConceptHistory.AddTo(type);
    }

    /// <summary>One page of neighbours of the source concept, through the request's DataLoader.</summary>
    public static IDataLoaderResult<Page<ConceptUri>> Walk(IResolveFieldContext<Concept> context, RelationType type, Direction direction) =>
        context.Loaders().Neighbours(context.Source.Uri, type, direction, context.PageRequest());
}

/// <summary>The <c>Concept</c> interface: any node of the graph.</summary>
public sealed class ConceptInterface : InterfaceGraphType<Concept>
{
    public ConceptInterface()
    {
        Name = "Concept";
        Description = "Any node of the graph: an occupation, a skill, a skill group or an ISCO group.";
        Interface<NodeInterface>();
        var template = new ObjectGraphType<Concept>();
        ConceptFields.AddTo(template);
        foreach (var field in template.Fields)
        {
            AddField(new FieldType { Name = field.Name, Type = field.Type, Description = field.Description, Arguments = field.Arguments });
        }
    }
}
