using System.Text.Json;

namespace Aioinflux.Query;

/// <summary>
/// Hands out one string instance per distinct short value of a column, so that tag-like columns (<c>host</c>,
/// <c>region</c>: a few values repeated on every row) cost one string per value rather than one per row, in the
/// result model and in typed records alike. Columns whose values rarely repeat stop being looked up.
/// </summary>
internal sealed class ColumnStringCache
{
    /// <summary>Values longer than this (in UTF-8 bytes) are not cached: they are rarely tag-like.</summary>
    public const int MaxLength = 64;

    private const int SlotsPerColumn = 16;
    private const int TrialLookups = 256;

    private string?[] _slots = [];
    private int[] _lookups = [];
    private int[] _hits = [];
    private PointMetadata? _series;

    /// <summary>Starts caching for <paramref name="series"/>; pieces of the same series keep the cache.</summary>
    public void Reset(PointMetadata series)
    {
        if (ReferenceEquals(series, _series))
        {
            return;
        }

        _series = series;
        int columns = series.Columns.Count;
        if (_lookups.Length < columns)
        {
            _slots = new string?[columns * SlotsPerColumn];
            _lookups = new int[columns];
            _hits = new int[columns];
        }
        else
        {
            Array.Clear(_slots);
            Array.Clear(_lookups);
            Array.Clear(_hits);
        }
    }

    /// <summary>The current string token as a string, shared with earlier equal values of the same column when possible.</summary>
    public string GetString(ref Utf8JsonReader reader, int column)
    {
        if ((uint)column >= (uint)_lookups.Length || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        int lookups = _lookups[column];
        if (lookups >= TrialLookups && _hits[column] < lookups / 2)
        {
            return reader.GetString()!;
        }

        ReadOnlySpan<byte> value = reader.ValueSpan;
        int hash = value.Length == 0 ? 0 : (value.Length * 31) + value[0] + (value[^1] * 17) + (value[value.Length / 2] * 7);
        int slot = (column * SlotsPerColumn) + (hash & (SlotsPerColumn - 1));
        if (lookups < TrialLookups)
        {
            _lookups[column] = lookups + 1;
        }

        string? cached = _slots[slot];
        if (cached is not null && reader.ValueTextEquals(cached))
        {
            if (lookups < TrialLookups)
            {
                _hits[column]++;
            }

            return cached;
        }

        string text = reader.GetString()!;
        _slots[slot] = text;
        return text;
    }
}
