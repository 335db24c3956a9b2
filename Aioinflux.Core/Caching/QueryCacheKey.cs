using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Aioinflux.Caching;

/// <summary>
/// The Redis key of one query's cached response: <c>{prefix}{SHA-256 in hex}</c> of every request field that changes the
/// answer (<see cref="QueryCacheRequest"/>). Each field is tagged and length-prefixed before hashing, so no two different
/// requests hash the same input; SHA-256 rather than a fast hash because the input includes an identity derived from
/// credentials and an attacker-chosen query text.
/// </summary>
internal sealed partial class QueryCacheKey
{
    // Bumped when the hashed fields or the entry format change, so old entries are never read as new ones.
    private const string KeyVersion = "aioinflux-query-cache-v1";

    private QueryCacheKey(string key, string hash)
    {
        Key = key;
        Hash = hash;
    }

    /// <summary>The Redis key.</summary>
    public string Key { get; }

    /// <summary>The key without its prefix, for log lines (it tells nothing about the query).</summary>
    public string Hash { get; }

    /// <inheritdoc />
    public override string ToString() => Key;

    /// <summary>
    /// Hashes who the answers are for into an opaque string, once per client. Never stores or logs the credentials: only
    /// the SHA-256 of the user name, the token and the explicit identity, each tagged, so that a user name and a token
    /// that happen to be equal are still different identities.
    /// </summary>
    /// <param name="username">The configured user name, if any.</param>
    /// <param name="token">The configured token, if any.</param>
    /// <param name="identity"><see cref="QueryCacheOptions.Identity"/>, if set.</param>
    /// <returns>64 hex digits; the same for the same inputs, in every process.</returns>
    public static string HashIdentity(string? username, string? token, string? identity)
    {
        using var hasher = new FieldHasher("aioinflux-identity-v1");
        hasher.Append('u', username);
        hasher.Append('t', token);
        hasher.Append('i', identity);
        return hasher.FinishHex();
    }

    /// <summary>Builds the key of <paramref name="request"/>, unless it cannot be cached.</summary>
    /// <param name="prefix"><see cref="QueryCacheOptions.KeyPrefix"/>.</param>
    /// <param name="request">The request's answer-changing fields.</param>
    /// <param name="key">The key, when the result is <see langword="null"/>.</param>
    /// <returns><see langword="null"/>, or why the request cannot be cached.</returns>
    public static string? TryCreate(string prefix, in QueryCacheRequest request, out QueryCacheKey? key)
    {
        key = null;
        if (!IsCacheable(request.Query))
        {
            return "the query modifies data or is not a plain SELECT or SHOW";
        }

        List<string>? parameters = null;
        if (request.Parameters is not null)
        {
            parameters = [];
            foreach (KeyValuePair<string, object?> parameter in request.Parameters)
            {
                if (parameter.Key is null || !TryEncodeValue(parameter.Value, out string? value))
                {
                    return $"a bound parameter's value of type {parameter.Value?.GetType().FullName} cannot be keyed";
                }

                // Name and value in one string, so that sorting orders by name first and duplicate names still sort deterministically.
                parameters.Add(string.Concat(parameter.Key.Length.ToString(CultureInfo.InvariantCulture), ":", parameter.Key, "=", value));
            }

            parameters.Sort(StringComparer.Ordinal);
        }

        using var hasher = new FieldHasher(KeyVersion);
        hasher.Append('a', request.ServerAddress);
        hasher.Append('d', request.Database);
        hasher.Append('r', request.RetentionPolicy);
        hasher.Append('q', request.Query);
        hasher.Append('e', request.Epoch);
        hasher.Append('c', request.Chunked ? "true" : "false");
        hasher.Append('n', request.ChunkSize.ToString(CultureInfo.InvariantCulture));
        hasher.Append('w', request.IdentityHash);
        hasher.Append('P', parameters?.Count.ToString(CultureInfo.InvariantCulture));
        if (parameters is not null)
        {
            foreach (string parameter in parameters)
            {
                hasher.Append('p', parameter);
            }
        }

        string hash = hasher.FinishHex();
        key = new QueryCacheKey(prefix + hash, hash);
        return null;
    }

    /// <summary>
    /// Encodes a parameter value with its type, such that two values encode alike only if any JSON encoder writes them
    /// alike: an integer is not the double of the same value, a string is not the number it spells.
    /// </summary>
    private static bool TryEncodeValue(object? value, out string? encoded)
    {
        encoded = value switch
        {
            null => "null",
            string text => "s:" + text,
            bool flag => flag ? "b:true" : "b:false",
            char character => "c:" + character.ToString(),
            Enum member => "e:" + member.GetType().FullName + ":" + Convert.ToString(Convert.ChangeType(member, Enum.GetUnderlyingType(member.GetType()), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128 or nint or nuint
                => "i:" + Convert.ToString(value, CultureInfo.InvariantCulture),
            float single => "f4:" + single.ToString("R", CultureInfo.InvariantCulture),
            double number => "f8:" + number.ToString("R", CultureInfo.InvariantCulture),
            decimal number => "m:" + number.ToString(CultureInfo.InvariantCulture),
            DateTime time => "t:" + time.Kind.ToString() + ":" + time.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset time => "o:" + time.ToString("O", CultureInfo.InvariantCulture),
            TimeSpan span => "ts:" + span.Ticks.ToString(CultureInfo.InvariantCulture),
            Guid guid => "g:" + guid.ToString("D"),
            JsonElement json => "j:" + json.GetRawText(),
            _ => null,
        };
        return encoded is not null;
    }

    /// <summary>SHA-256 over tagged, length-prefixed UTF-8 fields.</summary>
    private readonly struct FieldHasher : IDisposable
    {
        private readonly IncrementalHash _hash;

        public FieldHasher(string domain)
        {
            _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Append('v', domain);
        }

        public void Append(char tag, string? value)
        {
            Span<byte> prefix = stackalloc byte[6];
            prefix[0] = (byte)tag;
            if (value is null)
            {
                // Absent differs from empty: a database of "" is not the same request as no database.
                prefix[1] = 0;
                _hash.AppendData(prefix[..2]);
                return;
            }

            prefix[1] = 1;
            int length = Encoding.UTF8.GetByteCount(value);
            BinaryPrimitives.WriteInt32LittleEndian(prefix[2..], length);
            _hash.AppendData(prefix);

            byte[]? rented = null;
            Span<byte> bytes = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
            int written = Encoding.UTF8.GetBytes(value, bytes);
            _hash.AppendData(bytes[..written]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public string FinishHex()
        {
            Span<byte> digest = stackalloc byte[32];
            _hash.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest);
        }

        public void Dispose() => _hash.Dispose();
    }
}
