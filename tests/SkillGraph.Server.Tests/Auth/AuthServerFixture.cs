namespace SkillGraph.Server.Tests.Auth;

/// <summary>One server outside Development ("Testing": no key, no rights) with keys of every role and JWT bearer tokens.</summary>
public sealed class AuthServerFixture : IAsyncLifetime
{
    public AuthServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await AuthServer.StartAsync("Testing");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AuthCollection : ICollectionFixture<AuthServerFixture>
{
    public const string Name = "Auth server";
}
