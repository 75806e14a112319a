using System.Text;

namespace SkillGraph.Server.Tests.Fuzz;

/// <summary>
/// Writes GraphQL documents over a <see cref="SchemaModel"/> with a seeded <see cref="Random"/>: selections of real
/// fields with arguments of the right or a wrong type, values that are huge or deeply nested, aliases, fragments
/// (cycles included), directives that do not exist. Everything comes from the random source, so a seed repeats it.
/// </summary>
public sealed class DocumentGenerator(SchemaModel schema, Random random, IReadOnlyList<string> uris)
{
    private static readonly string[] Words = ["java", "software developer", "nurse", "", " ", "SQL, Python", "é", "💥", "\u202e", "<script>", "' OR 1=1 --", "\\\"", "a\\nb", "\\u0000"];

    public string Operation(string root, int maxDepth, bool wrongTypes)
    {
        var body = Selection(root, 0, maxDepth, wrongTypes, hugeness: 0);
        var keyword = root == "Mutation" ? "mutation" : random.Next(3) == 0 ? "query Q" : "";
        return $"{keyword} {body}";
    }

    /// <summary>A selection set on <paramref name="type"/>: 1–4 fields, nested up to <paramref name="maxDepth"/>.</summary>
    public string Selection(string type, int depth, int maxDepth, bool wrongTypes, int hugeness)
    {
        var builder = new StringBuilder("{ ");
        if (schema.Possible.TryGetValue(type, out var members) && members.Count > 0)
        {
            builder.Append("__typename ");
            var member = members[random.Next(members.Count)];
            if (schema.Fields.ContainsKey(member) && depth < maxDepth)
            {
                builder.Append("... on ").Append(member).Append(' ').Append(Selection(member, depth + 1, maxDepth, wrongTypes, hugeness)).Append(' ');
            }

            if (!schema.Fields.ContainsKey(type))
            {
                return builder.Append('}').ToString();
            }
        }

        var fields = schema.Fields[type];
        var count = 1 + random.Next(Math.Min(4, fields.Count));
        for (var i = 0; i < count; i++)
        {
            var field = fields[random.Next(fields.Count)];
            if (random.Next(4) == 0)
            {
                builder.Append('a').Append(random.Next(1000)).Append(": ");
            }

            builder.Append(field.Name).Append(Arguments(field.Arguments, wrongTypes, hugeness));
            if (schema.IsComposite(field.Type.Named))
            {
                builder.Append(' ').Append(depth + 1 < maxDepth ? Selection(field.Type.Named, depth + 1, maxDepth, wrongTypes, hugeness) : "{ __typename }");
            }

            builder.Append(' ');
        }

        return builder.Append('}').ToString();
    }

    public string Arguments(IReadOnlyList<FuzzArgument> arguments, bool wrongTypes, int hugeness)
    {
        var chosen = arguments.Where(a => a.Type.IsNonNull || random.Next(3) == 0).ToList();
        if (wrongTypes && arguments.Count > 0 && random.Next(4) == 0)
        {
            chosen.Add(new FuzzArgument("noSuchArgument" + random.Next(10), new NamedType("String")));
        }

        if (chosen.Count == 0)
        {
            return "";
        }

        var parts = chosen.Select(a => $"{a.Name}: {(wrongTypes && random.Next(2) == 0 ? WrongValue(a.Type) : Value(a.Type, 0, hugeness))}");
        return "(" + string.Join(", ", parts) + ")";
    }

    /// <summary>A literal of <paramref name="type"/> (hugeness 1: a huge string or list somewhere in it).</summary>
    public string Value(TypeRef type, int depth, int hugeness)
    {
        switch (type)
        {
            case NonNullOf nonNull:
                return Value(nonNull.Inner, depth, hugeness);
            case ListOf list:
                var count = hugeness > 0 && random.Next(2) == 0 ? random.Next(1_000, 12_000) : random.Next(4); // bodies up to about 1 MB
                var item = Value(list.Item, depth + 1, 0);
                return "[" + string.Join(", ", Enumerable.Range(0, count).Select(i => i < 8 ? Value(list.Item, depth + 1, 0) : item)) + "]";
        }

        var name = type.Named;
        if (schema.Enums.TryGetValue(name, out var values))
        {
            return values[random.Next(values.Count)];
        }

        if (schema.Inputs.TryGetValue(name, out var fields))
        {
            if (depth > 6)
            {
                return "{}";
            }

            var chosen = fields.Where(f => f.Type.IsNonNull || random.Next(2) == 0);
            return "{ " + string.Join(", ", chosen.Select(f => $"{f.Name}: {Value(f.Type, depth + 1, hugeness)}")) + " }";
        }

        return name switch
        {
            "Int" => random.Next(5) == 0 ? random.Next(-5, 2_000).ToString(System.Globalization.CultureInfo.InvariantCulture) : random.Next(0, 12).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Float" => (random.NextDouble() * 2 - 0.5).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            "Boolean" => random.Next(2) == 0 ? "true" : "false",
            "DateTimeOffset" or "DateTime" => random.Next(4) == 0 ? "\"yesterday\"" : "\"2026-01-0" + (1 + random.Next(9)) + "T00:00:00Z\"",
            _ => StringLiteral(hugeness),
        };
    }

    /// <summary>A value of another type than <paramref name="type"/>: null for a non-null, a string for a number, an object for a list…</summary>
    public string WrongValue(TypeRef type) => random.Next(8) switch
    {
        0 => "null",
        1 => type.Named is "Int" or "Float" ? "\"12\"" : "12",
        2 => "[1, \"two\", null, {a: 3}]",
        3 => "{ notAField: 1 }",
        4 => "99999999999999999999999",
        5 => "NOT_AN_ENUM_VALUE",
        6 => "$undefinedVariable",
        _ => "1.5e308",
    };

    public string StringLiteral(int hugeness)
    {
        if (hugeness > 0)
        {
            var length = random.Next(3) switch { 0 => random.Next(19_000, 21_000), 1 => random.Next(21_000, 120_000), _ => random.Next(120_000, 260_000) };
            var alphabet = random.Next(3) switch { 0 => "Java ", 1 => "abcdefghij klmnop, qrstu. vwxyz\\n", _ => "日本語 العربية 😀 ‮ \\u0000 ą " };
            var builder = new StringBuilder(length + 2).Append('"');
            while (builder.Length < length)
            {
                builder.Append(alphabet, 0, Math.Min(alphabet.Length, length - builder.Length + 1));
            }

            return builder.Append('"').ToString();
        }

        return random.Next(3) == 0 && uris.Count > 0 ? $"\"{uris[random.Next(uris.Count)]}\"" : $"\"{Words[random.Next(Words.Length)]}\"";
    }

    /// <summary>A field name of the Query type with no required arguments and a composite type, for nesting and aliases.</summary>
    public FuzzField CompositeRootField()
    {
        var candidates = schema.Fields["Query"].Where(f => schema.IsComposite(f.Type.Named) && f.Arguments.All(a => !a.Type.IsNonNull || a.Type.Named is "String" or "ID")).ToList();
        return candidates[random.Next(candidates.Count)];
    }

    /// <summary>
    /// A document that nests <paramref name="levels"/> deep through real fields (always taking a composite field where
    /// there is one), as a path through the graph like <c>broader { nodes { broader { … } } }</c> would.
    /// </summary>
    public string DeepPath(int levels)
    {
        var root = CompositeRootField();
        var open = new StringBuilder("{ ").Append(root.Name).Append(Arguments(root.Arguments, false, 0)).Append(' ');
        var closes = 0;
        var type = root.Type.Named;
        for (var i = 0; i < levels; i++)
        {
            var next = schema.Fields.TryGetValue(type, out var fields) ? fields.Where(f => schema.IsComposite(f.Type.Named) && f.Arguments.All(a => !a.Type.IsNonNull)).ToList() : [];
            if (next.Count == 0)
            {
                break;
            }

            var field = next[random.Next(next.Count)];
            open.Append("{ ").Append(field.Name).Append(' ');
            closes++;
            type = field.Type.Named;
        }

        open.Append("{ __typename }");
        return open.Append(new string('}', closes)).Append(" }").ToString();
    }
}
