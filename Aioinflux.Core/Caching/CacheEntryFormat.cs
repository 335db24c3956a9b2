using System.Buffers.Binary;

namespace Aioinflux.Caching;

/// <summary>
/// How one cached response is laid out in its Redis string, and the scripts that read and write it. An entry is immutable
/// once renamed to its key: a newer answer replaces it whole, with another entry id.
/// </summary>
/// <remarks>
/// <code>
/// offset  0  4 bytes   magic "aqc" + format version 1
///         4 16 bytes   entry id (random; every piece read checks it, so a replaced entry is never spliced into an answer)
///        20  8 bytes   uncompressed length, little-endian   ┐ zero while the entry is being written under its
///        28  8 bytes   compressed length, little-endian     │ temporary key, set when it is committed
///        36 16 bytes   XxHash128 of the uncompressed bytes  ┘
///        52            the response, Brotli-compressed
/// </code>
/// </remarks>
internal static class CacheEntryFormat
{
    public const int HeaderSize = 52;
    public const int EntryIdOffset = 4;
    public const int EntryIdSize = 16;
    public const int TrailerOffset = 20;
    public const int TrailerSize = 32;

    /// <summary>Compressed bytes per Redis read or append: small enough that a hit streams, large enough that round trips do not dominate.</summary>
    public const int PieceSize = 256 * 1024;

    /// <summary>Brotli's fastest setting: on InfluxDB's JSON it compresses as well as zlib's best, at zlib's fastest speed.</summary>
    public const int BrotliQuality = 1;

    /// <summary>A 1 MiB window bounds the decoder's memory per open hit.</summary>
    public const int BrotliWindow = 20;

    /// <summary>How long a temporary key outlives its last append, so a writer that died leaves nothing behind for long.</summary>
    public static readonly TimeSpan TemporaryKeyLifetime = TimeSpan.FromMinutes(10);

    private static ReadOnlySpan<byte> Magic => "aqc\u0001"u8;

    /// <summary>
    /// Writes piece of an entry under its temporary key. With ARGV[4] = '1' the piece starts the entry (header included) and
    /// creates the key; otherwise it is appended only if the key still holds this entry (not expired and recreated).
    /// Returns the key's new length, or -1 when the entry is gone.
    /// </summary>
    public const string WritePieceScript = """
        if ARGV[4] == '1' then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return redis.call('STRLEN', KEYS[1])
        end
        if redis.call('GETRANGE', KEYS[1], 4, 19) ~= ARGV[1] then return -1 end
        local length = redis.call('APPEND', KEYS[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return length
        """;

    /// <summary>
    /// Commits an entry: if the temporary key KEYS[1] still holds entry ARGV[1] at its full length ARGV[3], writes the
    /// trailer ARGV[2], renames it over KEYS[2] (replacing any older answer) and sets its expiry ARGV[4] in milliseconds.
    /// Returns 1 when committed, 0 when the temporary entry is gone, -1 when its length is wrong.
    /// </summary>
    public const string CommitScript = """
        if redis.call('GETRANGE', KEYS[1], 4, 19) ~= ARGV[1] then return 0 end
        if redis.call('STRLEN', KEYS[1]) ~= tonumber(ARGV[3]) then return -1 end
        redis.call('SETRANGE', KEYS[1], 20, ARGV[2])
        redis.call('RENAME', KEYS[1], KEYS[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        return 1
        """;

    /// <summary>
    /// Reads bytes ARGV[2]..ARGV[3] (inclusive) of entry KEYS[1], or nil if the key no longer holds entry ARGV[1]. One
    /// script, so the check and the read see the same value.
    /// </summary>
    public const string ReadPieceScript = """
        if redis.call('GETRANGE', KEYS[1], 4, 19) ~= ARGV[1] then return false end
        return redis.call('GETRANGE', KEYS[1], ARGV[2], ARGV[3])
        """;

    public static void WriteHeaderStart(Span<byte> header, ReadOnlySpan<byte> entryId)
    {
        Magic.CopyTo(header);
        entryId.CopyTo(header[EntryIdOffset..]);
        header[TrailerOffset..HeaderSize].Clear();
    }

    public static void WriteTrailer(Span<byte> trailer, long uncompressedLength, long compressedLength, ReadOnlySpan<byte> hash)
    {
        BinaryPrimitives.WriteInt64LittleEndian(trailer, uncompressedLength);
        BinaryPrimitives.WriteInt64LittleEndian(trailer[8..], compressedLength);
        hash.CopyTo(trailer[16..]);
    }

    /// <summary>Reads a committed entry's header; <see langword="false"/> when it is not one this version wrote.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out EntryHeader result)
    {
        result = default;
        if (header.Length < HeaderSize || !header.StartsWith(Magic))
        {
            return false;
        }

        long uncompressed = BinaryPrimitives.ReadInt64LittleEndian(header[TrailerOffset..]);
        long compressed = BinaryPrimitives.ReadInt64LittleEndian(header[(TrailerOffset + 8)..]);
        if (uncompressed < 0 || compressed <= 0)
        {
            return false;
        }

        result = new EntryHeader(header.Slice(EntryIdOffset, EntryIdSize).ToArray(), uncompressed, compressed, header.Slice(TrailerOffset + 16, 16).ToArray());
        return true;
    }

    /// <summary>A committed entry's identity, lengths and content hash.</summary>
    public readonly record struct EntryHeader(byte[] EntryId, long UncompressedLength, long CompressedLength, byte[] ContentHash);
}
