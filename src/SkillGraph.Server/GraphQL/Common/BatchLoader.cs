using GraphQL.DataLoader;

namespace SkillGraph.Server.GraphQL.Common;

/// <summary>
/// A per-request DataLoader: keys asked for while one level of the query executes are collected, and the first
/// result awaited fetches them all with one call of <c>fetch</c>. Values are cached for the rest of the request.
/// (GraphQL.NET 8 ships only <see cref="IDataLoaderResult{T}"/>; its executor awaits such results after each
/// level, which is what makes the batching work.)
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyList<TKey>, CancellationToken, ValueTask<IReadOnlyList<TValue>>> fetch)
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, ValueTask<IReadOnlyList<TValue>>> _fetch = fetch;
    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly Lock _gate = new();
    private Batch? _open;

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                return entry;
            }

            _open ??= new Batch(this);
            entry = new Entry(_open, _open.Keys.Count);
            _open.Keys.Add(key);
            _entries[key] = entry;
            return entry;
        }
    }

    public IDataLoaderResult<TValue[]> LoadMany(IReadOnlyList<TKey> keys)
    {
        var entries = new IDataLoaderResult<TValue>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            entries[i] = Load(keys[i]);
        }

        return new Many(entries);
    }

    private sealed class Batch(BatchLoader<TKey, TValue> loader)
    {
        private Task<IReadOnlyList<TValue>>? _task;

        public List<TKey> Keys { get; } = [];

        public Task<IReadOnlyList<TValue>> Run(CancellationToken cancellationToken)
        {
            lock (loader._gate)
            {
                if (_task is null)
                {
                    if (ReferenceEquals(loader._open, this))
                    {
                        loader._open = null;
                    }

                    _task = loader._fetch(Keys, cancellationToken).AsTask();
                }

                return _task;
            }
        }
    }

    private sealed class Entry(Batch batch, int index) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) =>
            (await batch.Run(cancellationToken).ConfigureAwait(false))[index];

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Many(IDataLoaderResult<TValue>[] entries) : IDataLoaderResult<TValue[]>
    {
        public async Task<TValue[]> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new TValue[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                values[i] = await entries[i].GetResultAsync(cancellationToken).ConfigureAwait(false);
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Maps the result of a DataLoader once it is there.</summary>
public sealed class MappedResult<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
{
    public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
        map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken).ConfigureAwait(false);
}

/// <summary>Chains a second DataLoader step on the result of a first.</summary>
public sealed class ChainedResult<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, IDataLoaderResult<TOut>> next) : IDataLoaderResult<IDataLoaderResult<TOut>>
{
    public async Task<IDataLoaderResult<TOut>> GetResultAsync(CancellationToken cancellationToken = default) =>
        next(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken).ConfigureAwait(false);
}

public static class DataLoaderResultExtensions
{
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) => new MappedResult<TIn, TOut>(result, map);

    /// <summary>
    /// A second load that depends on the first; GraphQL.NET awaits a DataLoader result that yields another
    /// DataLoader result again after the next batch, so both steps stay batched.
    /// </summary>
    public static IDataLoaderResult<IDataLoaderResult<TOut>> ThenLoad<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, IDataLoaderResult<TOut>> next) =>
        new ChainedResult<TIn, TOut>(result, next);
}
