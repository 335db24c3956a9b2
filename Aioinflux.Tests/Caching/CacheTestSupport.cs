using Aioinflux.Caching;
using StackExchange.Redis;

namespace Aioinflux.Tests.Caching;

/// <summary>What the cache tests share: a key per query, storing as a client would, reading a hit whole.</summary>
internal static class CacheTestSupport
{
    public static QueryCacheKey KeyFor(QueryCache cache, string query = "SELECT * FROM cpu", string? database = "db", string? epoch = "ns")
        => cache.TryCreateKey(new QueryCacheRequest
        {
            ServerAddress = "http://127.0.0.1:8086/",
            Database = database,
            Query = query,
            Epoch = epoch,
            IdentityHash = QueryCacheKey.HashIdentity(null, null, null),
        }) ?? throw new AssertionException("The query was judged not cacheable.");

    /// <summary>Stores <paramref name="response"/> the way the client does after a miss: the parser reads the writer's body, then commit.</summary>
    public static async Task<bool> StoreAsync(QueryCache cache, QueryCacheKey key, Stream response)
    {
        // The client asks before it stores; that is also what connects.
        await using (Stream? _ = await cache.TryOpenAsync(key))
        {
        }

        await using QueryCacheWriter writer = cache.BeginStore(key, response) ?? throw new AssertionException("The cache refused to store: Redis unavailable.");
        await writer.Body.CopyToAsync(Stream.Null);
        return await writer.CommitAsync();
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Reads until the stream ends or fails, keeping what was read before a failure.</summary>
    public static async Task<(byte[] Read, Exception? Failure)> ReadUntilFailureAsync(Stream stream, int bufferSize = 16 * 1024)
    {
        using var copy = new MemoryStream();
        byte[] buffer = new byte[bufferSize];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                copy.Write(buffer, 0, read);
            }

            return (copy.ToArray(), null);
        }
        catch (Exception exception)
        {
            return (copy.ToArray(), exception);
        }
    }

    public static async Task<List<string>> KeysUnderAsync(IServer server, string prefix)
    {
        var keys = new List<string>();
        await foreach (RedisKey key in server.KeysAsync(pattern: EscapeGlob(prefix) + "*"))
        {
            keys.Add(key.ToString());
        }

        return keys;
    }

    /// <summary>Waits (bounded) until no key is left under <paramref name="prefix"/>: deletes the cache fires and forgets land soon after.</summary>
    public static async Task<List<string>> WaitForNoKeysAsync(IServer server, string prefix)
    {
        List<string> keys = await KeysUnderAsync(server, prefix);
        for (int attempt = 0; attempt < 50 && keys.Count > 0; attempt++)
        {
            await Task.Delay(100);
            keys = await KeysUnderAsync(server, prefix);
        }

        return keys;
    }

    public static string EscapeGlob(string text)
        => string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));
}
