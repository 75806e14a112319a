using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkillGraph.Application;
using SkillGraph.Application.Authorization;
using SkillGraph.Application.Behaviors;
using SkillGraph.Graph;

namespace SkillGraph.Tests.Support;

/// <summary>
/// The application's real Mediator pipeline (behaviours included) over a given store, with logs captured;
/// <c>ports</c> may plug adapters (or fakes) in for the model ports before the application's defaults, and may name the
/// caller (<see cref="ICurrentUser"/>; the local operator, an admin, when it does not).
/// </summary>
public sealed class MediatorHost : IDisposable
{
    private readonly ServiceProvider _services;

    public MediatorHost(IGraphStore store, Action<RequestTimingOptions>? timing = null, Action<IServiceCollection>? ports = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddSingleton(store);
        services.AddSingleton<ICurrentUser>(LocalOperator.Instance);
        ports?.Invoke(services);
        services.AddSkillGraphApplication(timing);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Mediator = _services.GetRequiredService<IMediator>();
    }

    public IMediator Mediator { get; }

    /// <summary>The host's services (e.g. a singleton the test inspects).</summary>
    public IServiceProvider Services => _services;

    public CapturedLogs Logs { get; } = new();

    public void Dispose() => _services.Dispose();
}

/// <summary>Every log line written through the host's loggers.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public List<(LogLevel Level, string Message)> Lines { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Lines)
            {
                owner.Lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
