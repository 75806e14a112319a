using System.Text;
using System.Text.Json;

namespace SkillGraph.Server.Tests.Fuzz;

/// <summary>
/// The fuzzer's requests: case <c>i</c> of seed <c>s</c> draws its kind and content from <c>new Random(s * 1,000,003 + i)</c>,
/// so any case is made again on its own. Kinds: well-typed random selections and mutations, wrong argument types,
/// huge strings and lists, deep nesting (through real fields, raw braces, nested lists), alias floods, fragment cycles,
/// unknown directives, variables of the wrong type, broken JSON, wrong content types, 1 MB bodies (with and without a
/// length), GET requests, and documents with characters cut or inserted at random.
/// </summary>
public sealed class FuzzCases(SchemaModel schema, int seed, IReadOnlyList<string> uris)
{
    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("selection", 16), ("wrong-types", 12), ("huge-string", 6), ("huge-list", 5), ("deep-path", 4), ("deep-braces", 3), ("deep-list", 2),
        ("aliases", 5), ("fragment-cycle", 5), ("unknown-directive", 5), ("mutation", 8), ("variables", 6), ("broken-json", 8),
        ("content-type", 5), ("megabyte", 3), ("get", 5), ("mangled", 6),
    ];

    private static readonly string[] Accepts = ["application/json", "application/graphql-response+json", "*/*", "text/html", "application/xml"];

    public FuzzCase Make(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var generator = new DocumentGenerator(schema, random, uris);
        var kind = Pick(random);
        var accept = random.Next(5) == 0 ? null : Accepts[random.Next(Accepts.Length)];
        var sendKey = random.Next(8) != 0;
        FuzzCase Post(string query, object? variables = null) => new(index, kind, HttpMethod.Post, "/graphql", "application/json", Json(query, variables), accept, sendKey);

        switch (kind)
        {
            case "selection":
                return Post(generator.Operation("Query", 1 + random.Next(4), wrongTypes: false));
            case "wrong-types":
                return Post(generator.Operation(random.Next(4) == 0 && schema.Fields.ContainsKey("Mutation") ? "Mutation" : "Query", 1 + random.Next(3), wrongTypes: true));
            case "huge-string":
            case "huge-list":
                {
                    var fields = schema.Fields["Query"].Where(f => f.Arguments.Any(a => kind == "huge-list" ? a.Type.Nullable is ListOf : a.Type.Named is "String")).ToList();
                    var field = fields[random.Next(fields.Count)];
                    var arguments = field.Arguments.Where(a => a.Type.IsNonNull || (kind == "huge-list" ? a.Type.Nullable is ListOf : a.Type.Named == "String"))
                        .Select(a => $"{a.Name}: {generator.Value(a.Type, 0, hugeness: 1)}");
                    var selection = schema.IsComposite(field.Type.Named) ? generator.Selection(field.Type.Named, 1, 2, false, 0) : "";
                    return Post($"{{ {field.Name}({string.Join(", ", arguments)}) {selection} }}");
                }

            case "deep-path":
                return Post(generator.DeepPath(random.Next(10, 200)));
            case "deep-braces":
                {
                    var levels = random.Next(50, 60_000);
                    return Post(new string('{', levels) + "a" + new string('}', random.Next(2) == 0 ? levels : levels / 2));
                }

            case "deep-list":
                {
                    var levels = random.Next(50, 20_000);
                    var field = schema.Fields["Query"][random.Next(schema.Fields["Query"].Count)];
                    var name = field.Arguments.Count > 0 ? field.Arguments[0].Name : "x";
                    return Post($"{{ {field.Name}({name}: {new string('[', levels)}1{new string(']', levels)}) {{ __typename }} }}");
                }

            case "aliases":
                {
                    var count = random.Next(50, 6_000);
                    var root = generator.CompositeRootField();
                    var one = random.Next(2) == 0 ? "__typename" : $"{root.Name}{generator.Arguments(root.Arguments, false, 0)} {{ __typename }}";
                    return Post("{ " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}: {one}")) + " }");
                }

            case "fragment-cycle":
                {
                    var root = generator.CompositeRootField();
                    var type = root.Type.Named;
                    var shape = random.Next(4);
                    var fragments = shape switch
                    {
                        0 => $"fragment A on {type} {{ __typename ...B }} fragment B on {type} {{ ...A }}",
                        1 => $"fragment A on {type} {{ ...A }}",
                        2 => $"fragment A on {type} {{ ...Missing }}",
                        _ => $"fragment A on NoSuchType {{ __typename }} fragment A on {type} {{ __typename }}",
                    };
                    return Post($"{{ {root.Name}{generator.Arguments(root.Arguments, false, 0)} {{ ...A }} }} {fragments}");
                }

            case "unknown-directive":
                {
                    var directive = random.Next(6) switch
                    {
                        0 => "@noSuchDirective",
                        1 => "@include(if: \"yes\")",
                        2 => "@skip",
                        3 => "@deprecated(reason: \"x\")",
                        4 => "@include(if: true) @include(if: false)",
                        _ => "@specifiedBy(url: \"x\")",
                    };
                    return Post($"query Q {directive} {{ __typename {directive} ... on Query {directive} {{ __typename }} }}");
                }

            case "mutation":
                return schema.Fields.ContainsKey("Mutation") ? Post(generator.Operation("Mutation", 2, wrongTypes: random.Next(3) == 0)) : Post("mutation { __typename }");
            case "variables":
                {
                    var field = schema.Fields["Query"].Where(f => f.Arguments.Count > 0).ElementAt(random.Next(schema.Fields["Query"].Count(f => f.Arguments.Count > 0)));
                    var argument = field.Arguments[random.Next(field.Arguments.Count)];
                    var declared = random.Next(3) == 0 ? "[Int!]!" : random.Next(2) == 0 ? "String" : Print(argument.Type);
                    object? value = random.Next(6) switch
                    {
                        0 => 12,
                        1 => "text",
                        2 => new[] { 1, 2 },
                        3 => new Dictionary<string, object?> { ["a"] = null },
                        4 => null,
                        _ => new string('x', random.Next(1_000, 30_000)),
                    };
                    var variables = random.Next(5) == 0 ? new Dictionary<string, object?> { ["other"] = 1 } : new Dictionary<string, object?> { ["v"] = value };
                    var selection = schema.IsComposite(field.Type.Named) ? "{ __typename }" : "";
                    return Post($"query Q($v: {declared}) {{ {field.Name}({argument.Name}: $v) {selection} }}", variables);
                }

            case "broken-json":
                return new FuzzCase(index, kind, HttpMethod.Post, "/graphql", "application/json", BrokenJson(random, generator), accept, sendKey);
            case "content-type":
                {
                    var types = new[] { "text/plain", "application/graphql", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", null, "application/json; charset=utf-16", "application/jsonx", "a/b/c;;=", "application/json; charset=latin1" };
                    var contentType = types[random.Next(types.Length)];
                    var body = contentType == "application/json; charset=utf-16" ? Encoding.Unicode.GetBytes("{\"query\":\"{ __typename }\"}") : Json("{ __typename }", null);
                    return new FuzzCase(index, kind, HttpMethod.Post, "/graphql", contentType, body, accept, sendKey);
                }

            case "megabyte":
                {
                    var body = Json("{ search(text: \"" + new string('a', 1_000_000) + "\") { __typename } }", null);
                    return new FuzzCase(index, kind, HttpMethod.Post, "/graphql", "application/json", body, accept, sendKey, Chunked: random.Next(2) == 0);
                }

            case "get":
                {
                    var document = random.Next(4) switch
                    {
                        0 => generator.Operation("Mutation", 1, false),
                        1 => "",
                        _ => generator.Operation("Query", 1 + random.Next(3), random.Next(2) == 0),
                    };
                    var query = document.Length > 0 ? "?query=" + Uri.EscapeDataString(document) : "";
                    if (random.Next(3) == 0)
                    {
                        query += (query.Length == 0 ? "?" : "&") + "variables=" + Uri.EscapeDataString(random.Next(2) == 0 ? "{not json" : "[1,2]");
                    }

                    if (random.Next(4) == 0)
                    {
                        query += (query.Length == 0 ? "?" : "&") + "operationName=" + Uri.EscapeDataString("\u0000nope");
                    }

                    return new FuzzCase(index, kind, HttpMethod.Get, "/graphql" + query, null, null, accept, sendKey);
                }

            default: // mangled: a valid document with characters cut, doubled or replaced at random
                {
                    var text = new StringBuilder(generator.Operation("Query", 1 + random.Next(3), false));
                    for (var edits = 1 + random.Next(4); edits > 0 && text.Length > 1; edits--)
                    {
                        var at = random.Next(text.Length);
                        switch (random.Next(3))
                        {
                            case 0:
                                text.Remove(at, 1);
                                break;
                            case 1:
                                text.Insert(at, "{}():!$@\"\\#[]…\u0000"[random.Next(15)]);
                                break;
                            default:
                                text[at] = (char)random.Next(0x20, 0x2FFF);
                                break;
                        }
                    }

                    return Post(text.ToString());
                }
        }
    }

    private static byte[] BrokenJson(Random random, DocumentGenerator generator)
    {
        var valid = Json(generator.Operation("Query", 2, false), null);
        return random.Next(12) switch
        {
            0 => valid[..random.Next(valid.Length)],
            1 => [.. Enumerable.Range(0, random.Next(1, 2_000)).Select(_ => (byte)random.Next(256))],
            2 => Encoding.UTF8.GetBytes("{\"query\": 123}"),
            3 => Encoding.UTF8.GetBytes("[]"),
            4 => Encoding.UTF8.GetBytes("\"{ __typename }\""),
            5 => Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"variables\":\"not an object\"}"),
            6 => Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"variables\":[1]}"),
            7 => Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)),
            8 => Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"extensions\":5,\"operationName\":7}"),
            9 => Encoding.UTF8.GetBytes("{\"documentId\":\"abc\"}"),
            10 => [0xEF, 0xBB, 0xBF, .. valid],
            _ => [.. valid[..(valid.Length / 2)], 0xC3, 0x28, 0x00, .. valid[(valid.Length / 2)..]],
        };
    }

    private static byte[] Json(string query, object? variables) => JsonSerializer.SerializeToUtf8Bytes(new { query, variables });

    private static string Print(TypeRef type) => type switch
    {
        NonNullOf nonNull => Print(nonNull.Inner) + "!",
        ListOf list => "[" + Print(list.Item) + "]",
        _ => type.Named,
    };

    private static string Pick(Random random)
    {
        var roll = random.Next(Kinds.Sum(k => k.Weight));
        foreach (var (kind, weight) in Kinds)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        return Kinds[0].Kind;
    }
}
