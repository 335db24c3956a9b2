using System.Buffers;

namespace Aioinflux.Query;

/// <summary>
/// Decides whether a row of <c>values</c> is complete in the buffer before anyone reads it, by finding its closing
/// bracket outside strings: a byte search, much cheaper than tokenizing the row twice (once with
/// <c>Utf8JsonReader.TrySkip</c>, once for real). Rows that nest arrays or objects are left to <c>TrySkip</c>.
/// </summary>
internal static class RowScanner
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"[]{}"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    public enum Result
    {
        Complete,
        Incomplete,
        Nested,
    }

    /// <summary>Scans the bytes after a row's opening bracket.</summary>
    public static Result Scan(ReadOnlySequence<byte> rest)
    {
        bool inString = false;
        bool escaped = false;
        if (rest.IsSingleSegment)
        {
            return Scan(rest.FirstSpan, ref inString, ref escaped);
        }

        foreach (ReadOnlyMemory<byte> segment in rest)
        {
            Result result = Scan(segment.Span, ref inString, ref escaped);
            if (result != Result.Incomplete)
            {
                return result;
            }
        }

        return Result.Incomplete;
    }

    /// <summary>Scans one span, carrying the string state across segments.</summary>
    public static Result Scan(ReadOnlySpan<byte> span, ref bool inString, ref bool escaped)
    {
        int i = 0;
        while (i < span.Length)
        {
            if (escaped)
            {
                // The byte after a backslash never ends a string (\" and \\ included); \uXXXX digits are plain bytes.
                escaped = false;
                i++;
                continue;
            }

            if (inString)
            {
                int end = span[i..].IndexOfAny(StringEnd);
                if (end < 0)
                {
                    return Result.Incomplete;
                }

                i += end;
                if (span[i] == (byte)'"')
                {
                    inString = false;
                }
                else
                {
                    escaped = true;
                }

                i++;
                continue;
            }

            int next = span[i..].IndexOfAny(Structural);
            if (next < 0)
            {
                return Result.Incomplete;
            }

            i += next;
            switch (span[i])
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)']':
                    return Result.Complete;
                default:
                    return Result.Nested;
            }

            i++;
        }

        return Result.Incomplete;
    }
}
