using System.CommandLine;
using System.Text.Json;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Features.Keys;
using SkillGraph.Application.Features.Keys.CreateApiKey;
using SkillGraph.Application.Features.Keys.ListApiKeys;
using SkillGraph.Application.Features.Keys.RevokeApiKey;
using Spectre.Console;

namespace SkillGraph.Cli.Commands;

/// <summary>
/// <c>skillgraph keys create --role ROLE --name NAME</c> (prints the key once, as the only line on stdout), <c>keys list</c>,
/// <c>keys revoke NAME</c>: the server's API keys, in the key store that <see cref="CliRunner.KeysPath"/> names. The verbs
/// send the key slices' requests as the local operator.
/// </summary>
internal static class KeysCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var keys = new Command("keys", $"The server's API keys (header {ApiKeySecret.Header}), kept hashed in the store's file (--db) or in $Auth__KeysPath.");
        keys.Subcommands.Add(CreateVerb());
        keys.Subcommands.Add(ListVerb());
        keys.Subcommands.Add(RevokeVerb());
        return keys;
    }

    private static Command CreateVerb()
    {
        var role = new Option<string>("--role") { Description = $"The key's role: {Roles.Names()}.", Required = true };
        var name = new Option<string>("--name") { Description = "A name for the key (who or what uses it); unique among active keys.", Required = true };
        role.Validators.Add(result =>
        {
            if (!Roles.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--role must be one of {Roles.Names()} (got '{result.GetValueOrDefault<string>()}').");
            }
        });
        var create = new Command("create", "Create a key and print it, once, as the only line on stdout.") { role, name };
        create.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            Roles.TryParse(parse.GetValue(role), out var parsed);
            using var services = CliRunner.OpenKeyServices(parse);
            var created = await services.Mediator.Send(new CreateApiKey(parse.GetValue(name)!, parsed), ct).ConfigureAwait(false);
            Console.WriteLine(created.Key);
            await Console.Error.WriteLineAsync($"skillgraph: created the key '{created.Info.Name}' (role {Roles.Name(created.Info.Role)}) in {CliRunner.KeysPath(parse)}; it is shown only now.").ConfigureAwait(false);
            return CliRunner.Ok;
        }));
        return create;
    }

    private static Command ListVerb()
    {
        var list = new Command("list", "Every key: name, role, created, revoked (never the key).") { CliOptions.Json };
        list.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            using var services = CliRunner.OpenKeyServices(parse);
            var all = await services.Mediator.Send(new ListApiKeys(), ct).ConfigureAwait(false);
            if (parse.GetValue(CliOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(all.Select(k => new { k.Name, Role = Roles.Name(k.Role), k.CreatedAt, k.RevokedAt }), JsonOptions));
                return CliRunner.Ok;
            }

            var table = new Table().AddColumn("name").AddColumn("role").AddColumn("created").AddColumn("revoked");
            foreach (var key in all)
            {
                table.AddRow(Markup.Escape(key.Name), Roles.Name(key.Role), $"{key.CreatedAt:u}", key.RevokedAt is { } revoked ? $"{revoked:u}" : "-");
            }

            AnsiConsole.Write(table);
            return CliRunner.Ok;
        }));
        return list;
    }

    private static Command RevokeVerb()
    {
        var name = new Argument<string>("name") { Description = "The name of the active key to revoke." };
        var revoke = new Command("revoke", "Revoke a key: a running server refuses it within its key refresh interval (Auth:KeyRefresh, 5 s).") { name };
        revoke.SetAction((parse, cancellationToken) => CliRunner.RunAsync(parse, cancellationToken, async ct =>
        {
            using var services = CliRunner.OpenKeyServices(parse);
            var revoked = await services.Mediator.Send(new RevokeApiKey(parse.GetValue(name)!), ct).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"skillgraph: revoked the key '{revoked.Name}' (role {Roles.Name(revoked.Role)}).").ConfigureAwait(false);
            return CliRunner.Ok;
        }));
        return revoke;
    }
}
