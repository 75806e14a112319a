using GraphQLParser;
using GraphQLParser.AST;

namespace SkillGraph.Server.Tests.Fuzz;

/// <summary>A type as the SDL writes it: a named type, a list of one, or a non-null one.</summary>
public abstract record TypeRef
{
    public abstract string Named { get; }

    public bool IsNonNull => this is NonNullOf;

    public static TypeRef From(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => new NonNullOf(From(nonNull.Type)),
        GraphQLListType list => new ListOf(From(list.Type)),
        GraphQLNamedType named => new NamedType(named.Name.StringValue),
        _ => throw new NotSupportedException(type.GetType().Name),
    };

    /// <summary>The type without its outer non-null.</summary>
    public TypeRef Nullable => this is NonNullOf nonNull ? nonNull.Inner : this;
}

public sealed record NamedType(string Name) : TypeRef
{
    public override string Named => Name;
}

public sealed record ListOf(TypeRef Item) : TypeRef
{
    public override string Named => Item.Named;
}

public sealed record NonNullOf(TypeRef Inner) : TypeRef
{
    public override string Named => Inner.Named;
}

public sealed record FuzzArgument(string Name, TypeRef Type);

public sealed record FuzzField(string Name, IReadOnlyList<FuzzArgument> Arguments, TypeRef Type);

/// <summary>
/// The live schema as the fuzzer needs it, read from the SDL the server prints (<c>GET /graphql/sdl</c>): the fields of
/// object and interface types, the members of unions and interfaces, input objects, enums and scalars.
/// </summary>
public sealed class SchemaModel
{
    public Dictionary<string, List<FuzzField>> Fields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<string>> Possible { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<FuzzArgument>> Inputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<string>> Enums { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Scalars { get; } = new(["Int", "Float", "String", "Boolean", "ID"], StringComparer.Ordinal);

    public bool IsComposite(string type) => Fields.ContainsKey(type) || Possible.ContainsKey(type);

    public static SchemaModel FromSdl(string sdl)
    {
        var model = new SchemaModel();
        var document = Parser.Parse(sdl);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLObjectTypeDefinition type:
                    model.Fields[type.Name.StringValue] = Read(type.Fields);
                    foreach (var face in type.Interfaces?.Items ?? [])
                    {
                        Add(model.Possible, face.Name.StringValue, type.Name.StringValue);
                    }

                    break;
                case GraphQLInterfaceTypeDefinition face:
                    model.Fields[face.Name.StringValue] = Read(face.Fields);
                    model.Possible.TryAdd(face.Name.StringValue, []);
                    break;
                case GraphQLUnionTypeDefinition union:
                    model.Possible[union.Name.StringValue] = [.. (union.Types?.Items ?? []).Select(t => t.Name.StringValue)];
                    break;
                case GraphQLInputObjectTypeDefinition input:
                    model.Inputs[input.Name.StringValue] = [.. (input.Fields?.Items ?? []).Select(f => new FuzzArgument(f.Name.StringValue, TypeRef.From(f.Type)))];
                    break;
                case GraphQLEnumTypeDefinition enumeration:
                    model.Enums[enumeration.Name.StringValue] = [.. (enumeration.Values?.Items ?? []).Select(v => v.Name.StringValue)];
                    break;
                case GraphQLScalarTypeDefinition scalar:
                    model.Scalars.Add(scalar.Name.StringValue);
                    break;
            }
        }

        if (!model.Fields.ContainsKey("Query"))
        {
            throw new InvalidOperationException("the SDL has no Query type");
        }

        return model;
    }

    private static List<FuzzField> Read(GraphQLFieldsDefinition? fields) =>
        [.. (fields?.Items ?? []).Select(f => new FuzzField(
            f.Name.StringValue,
            [.. (f.Arguments?.Items ?? []).Select(a => new FuzzArgument(a.Name.StringValue, TypeRef.From(a.Type)))],
            TypeRef.From(f.Type)))];

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
