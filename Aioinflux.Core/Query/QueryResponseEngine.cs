using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Aioinflux.Query;

/// <summary>What <see cref="QueryResponseEngine.Feed"/> stopped at.</summary>
internal enum FeedStatus
{
    /// <summary>Everything parseable was parsed; call again with the unconsumed bytes plus more.</summary>
    NeedMoreData,

    /// <summary>A JSON document (a chunk) ended; call again with the unconsumed bytes (more data is not needed first).</summary>
    DocumentCompleted,

    /// <summary>The input ended after a complete document.</summary>
    Completed,
}

/// <summary>
/// The resumable core of the query parser: a state machine over the fixed shape of a /query response, driven by
/// <see cref="Utf8JsonReader"/> over whatever is buffered, with the reader's state saved between buffers (as
/// System.Text.Json's <c>PipeReadBufferState</c> loop does). It advances by whole units — a property with its
/// value, a tag, a column, a message, a row — and rewinds to the start of a unit that is not fully buffered, so that
/// sinks only ever see complete rows. It never holds more than the caller's buffer.
/// </summary>
internal sealed class QueryResponseEngine
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };
    private static readonly IReadOnlyList<QueryMessage> NoMessages = [];

    private readonly IQueryResultSink _sink;
    private readonly WritePrecision? _epoch;
    private readonly bool _multipleDocuments;

    private JsonReaderState _json;
    private Position _position = Position.BetweenDocuments;
    private long _streamOffset;
    private long _sliceOffset;
    private ReadOnlySequence<byte> _slice;
    private int _documents;

    private int _resultIndex;
    private int _statementId;
    private bool _hasStatementId;
    private bool _statementStarted;
    private string? _statementError;
    private List<QueryMessage>? _messages;
    private bool _statementPartial;

    private string? _name;
    private readonly List<KeyValuePair<string, string>> _tags = [];
    private readonly List<string> _columns = [];
    private PointMetadata? _series;
    private bool _sawColumns;
    private bool _seriesPartial;
    private long _rowIndex;
    private PointMetadata? _previousSeries;
    private readonly ColumnStringCache _strings = new();
    private KeyValuePair<string, string>[] _previousTags = [];

    /// <summary>Creates an engine that reports to <paramref name="sink"/>.</summary>
    /// <param name="sink">Receives statements, series and rows.</param>
    /// <param name="epoch">The query's epoch, handed to sinks through <see cref="PointMetadata.Epoch"/>.</param>
    /// <param name="multipleDocuments">
    /// Whether the input may hold several JSON documents (chunked responses); <see cref="Feed"/> then stops after each.
    /// </param>
    public QueryResponseEngine(IQueryResultSink sink, WritePrecision? epoch, bool multipleDocuments)
    {
        _sink = sink;
        _epoch = epoch;
        _multipleDocuments = multipleDocuments;
    }

    private enum Position : byte
    {
        BetweenDocuments,
        DocumentStart,
        InDocument,
        InResults,
        InStatement,
        InMessages,
        InSeriesArray,
        InSeries,
        InTags,
        InColumns,
        InValues,
    }

    private enum Progress : byte
    {
        Incomplete,
        Paused,
        Ended,
    }

    private enum Step : byte
    {
        Continue,
        Incomplete,
        DocumentEnd,
    }

    /// <summary>The number of complete JSON documents read.</summary>
    public int Documents => _documents;

    private int CurrentStatementId => _hasStatementId ? _statementId : _resultIndex;

    /// <summary>
    /// Parses as much of <paramref name="buffer"/> as forms whole units. The next call must pass the bytes from
    /// <paramref name="consumed"/> on (plus more, after <see cref="FeedStatus.NeedMoreData"/>).
    /// </summary>
    /// <param name="buffer">The unconsumed input.</param>
    /// <param name="isFinalBlock">Whether no more input will follow.</param>
    /// <param name="consumed">How many bytes of <paramref name="buffer"/> were consumed.</param>
    /// <returns>Why parsing stopped.</returns>
    /// <exception cref="InfluxDBException">The input is not a /query response, is truncated or holds a top-level error.</exception>
    public FeedStatus Feed(ReadOnlySequence<byte> buffer, bool isFinalBlock, out long consumed)
    {
        consumed = 0;
        FeedStatus status = FeedCore(buffer, isFinalBlock, ref consumed);
        _streamOffset += consumed;
        return status;
    }

    private FeedStatus FeedCore(ReadOnlySequence<byte> buffer, bool isFinalBlock, ref long consumed)
    {
        bool bridging = false;
        while (true)
        {
            if (_position == Position.BetweenDocuments)
            {
                if (_streamOffset + consumed == 0 && !SkipByteOrderMark(buffer, isFinalBlock, ref consumed))
                {
                    return FeedStatus.NeedMoreData;
                }

                consumed += CountWhitespace(buffer.Slice(consumed));
                if (consumed == buffer.Length)
                {
                    if (!isFinalBlock)
                    {
                        return FeedStatus.NeedMoreData;
                    }

                    return _documents > 0 ? FeedStatus.Completed : throw QueryErrors.EmptyResponse();
                }

                if (_documents > 0 && !_multipleDocuments)
                {
                    throw QueryErrors.MoreThanOneDocument(_streamOffset + consumed);
                }

                _json = new JsonReaderState(ReaderOptions);
                _position = Position.DocumentStart;
            }

            // Utf8JsonReader is much slower over several segments than over one span, and a PipeReader's buffer is
            // several segments as soon as a row straddles two reads. So each segment is parsed on its own; only the
            // unit that straddles a boundary is parsed over the sequence ("bridging"), pausing right after it.
            ReadOnlySequence<byte> rest = buffer.Slice(consumed);
            bool segmented = !rest.IsSingleSegment;
            long pauseAt = long.MaxValue;
            bool sliceIsFinal = isFinalBlock;
            if (segmented && !bridging)
            {
                rest = rest.Slice(0, rest.First.Length);
                sliceIsFinal = false;
            }
            else if (segmented)
            {
                pauseAt = rest.First.Length;
            }

            _slice = rest;
            _sliceOffset = _streamOffset + consumed;

            // isFinalBlock is always false for the reader: the end of a document is its closing brace, and input that
            // ends before it is reported below as truncated, with context, rather than as a bare JsonException.
            var cursor = new QueryRowReader(new Utf8JsonReader(_slice, isFinalBlock: false, _json));
            Progress progress;
            long unitStart;
            try
            {
                progress = ParseDocument(ref cursor, sliceIsFinal, pauseAt, out unitStart);
            }
            catch (JsonException e)
            {
                long offset = _sliceOffset + (e.LineNumber == 0 && e.BytePositionInLine is long position ? position : cursor.Json.BytesConsumed);
                throw _position == Position.DocumentStart
                    ? QueryErrors.NotAResponse(_slice, offset, e)
                    : QueryErrors.InvalidJson(Describe(), offset, e);
            }
            catch (QueryRowTruncatedException)
            {
                throw QueryErrors.Truncated(Describe(), _sliceOffset + _slice.Length);
            }

            consumed += unitStart;
            if (progress == Progress.Paused)
            {
                bridging = false;
                continue;
            }

            if (progress == Progress.Incomplete)
            {
                if (segmented && !bridging)
                {
                    bridging = true;
                    continue;
                }

                if (isFinalBlock)
                {
                    throw QueryErrors.Truncated(Describe(), _sliceOffset + _slice.Length);
                }

                return FeedStatus.NeedMoreData;
            }

            bridging = false;
            _documents++;
            _position = Position.BetweenDocuments;
            _sink.OnDocumentEnd();
            if (_multipleDocuments)
            {
                return FeedStatus.DocumentCompleted;
            }
        }
    }

    // Parses units until the document ends, a unit is not fully buffered, or (when bridging) a unit ends at or past
    // pauseAt. unitStart is where to resume: the start of the incomplete unit, or the end of the last one.
    private Progress ParseDocument(ref QueryRowReader cursor, bool isFinalBlock, long pauseAt, out long unitStart)
    {
        while (true)
        {
            unitStart = cursor.Json.BytesConsumed;
            JsonReaderState unitState = cursor.Json.CurrentState;
            switch (ParseUnit(ref cursor, isFinalBlock))
            {
                case Step.Incomplete:
                    _json = unitState;
                    return Progress.Incomplete;
                case Step.DocumentEnd:
                    unitStart = cursor.Json.BytesConsumed;
                    return Progress.Ended;
            }

            if (cursor.Json.BytesConsumed >= pauseAt)
            {
                unitStart = cursor.Json.BytesConsumed;
                _json = cursor.Json.CurrentState;
                return Progress.Paused;
            }
        }
    }

    private Step ParseUnit(ref QueryRowReader cursor, bool isFinalBlock)
    {
        ref Utf8JsonReader reader = ref cursor.Json;
        if (!reader.Read())
        {
            return Step.Incomplete;
        }

        JsonTokenType token = reader.TokenType;
        switch (_position)
        {
            case Position.DocumentStart:
                if (token != JsonTokenType.StartObject)
                {
                    throw QueryErrors.NotAResponse(_slice, _sliceOffset + reader.TokenStartIndex, inner: null);
                }

                _position = Position.InDocument;
                _resultIndex = -1;
                return Step.Continue;

            case Position.InDocument:
                return token == JsonTokenType.EndObject ? Step.DocumentEnd : DocumentProperty(ref reader);

            case Position.InResults:
                if (token == JsonTokenType.StartObject)
                {
                    BeginStatement();
                    return Step.Continue;
                }

                if (token == JsonTokenType.EndArray)
                {
                    _position = Position.InDocument;
                    return Step.Continue;
                }

                throw Unexpected(ref reader, "a statement's result object");

            case Position.InStatement:
                if (token == JsonTokenType.EndObject)
                {
                    EndStatement();
                    return Step.Continue;
                }

                return StatementProperty(ref reader);

            case Position.InMessages:
                if (token == JsonTokenType.StartObject)
                {
                    return Message(ref reader);
                }

                if (token == JsonTokenType.EndArray)
                {
                    _position = Position.InStatement;
                    return Step.Continue;
                }

                throw Unexpected(ref reader, "a message object");

            case Position.InSeriesArray:
                if (token == JsonTokenType.StartObject)
                {
                    BeginSeries();
                    return Step.Continue;
                }

                if (token == JsonTokenType.EndArray)
                {
                    _position = Position.InStatement;
                    return Step.Continue;
                }

                throw Unexpected(ref reader, "a series object");

            case Position.InSeries:
                if (token == JsonTokenType.EndObject)
                {
                    StartSeriesIfNeeded();
                    _position = Position.InSeriesArray;
                    _sink.OnSeriesEnd(_series!, _seriesPartial);
                    return Step.Continue;
                }

                return SeriesProperty(ref reader);

            case Position.InTags:
                if (token == JsonTokenType.EndObject)
                {
                    _position = Position.InSeries;
                    return Step.Continue;
                }

                return Tag(ref reader);

            case Position.InColumns:
                if (token == JsonTokenType.String)
                {
                    PointMetadata? previous = _previousSeries;
                    int index = _columns.Count;
                    _columns.Add(previous is not null && index < previous.Columns.Count
                        ? ReuseOrRead(ref reader, previous.ColumnSpan[index])
                        : reader.GetString()!);
                    return Step.Continue;
                }

                if (token == JsonTokenType.EndArray)
                {
                    _position = Position.InSeries;
                    return Step.Continue;
                }

                throw Unexpected(ref reader, "a column name");

            case Position.InValues:
                if (token == JsonTokenType.StartArray)
                {
                    return Row(ref cursor, isFinalBlock);
                }

                if (token == JsonTokenType.EndArray)
                {
                    _position = Position.InSeries;
                    return Step.Continue;
                }

                throw Unexpected(ref reader, "a row array");

            default:
                throw new InvalidOperationException($"The query parser is in an impossible state ({_position}).");
        }
    }

    private Step DocumentProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("results"u8))
        {
            if (!reader.Read())
            {
                return Step.Incomplete;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                _position = Position.InResults;
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                throw Unexpected(ref reader, "an array for \"results\"");
            }

            return Step.Continue;
        }

        if (reader.ValueTextEquals("error"u8))
        {
            if (!reader.Read())
            {
                return Step.Incomplete;
            }

            throw reader.TokenType == JsonTokenType.String
                ? QueryErrors.RequestFailed(reader.GetString()!)
                : Unexpected(ref reader, "a string for \"error\"");
        }

        return reader.TrySkip() ? Step.Continue : Step.Incomplete;
    }

    private Step StatementProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("statement_id"u8))
        {
            if (!reader.Read())
            {
                return Step.Incomplete;
            }

            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int id))
            {
                throw Unexpected(ref reader, "an integer for \"statement_id\"");
            }

            _statementId = id;
            _hasStatementId = true;
            return Step.Continue;
        }

        if (reader.ValueTextEquals("series"u8))
        {
            return ReadContainer(ref reader, JsonTokenType.StartArray, Position.InSeriesArray, "an array for \"series\"");
        }

        if (reader.ValueTextEquals("messages"u8))
        {
            return ReadContainer(ref reader, JsonTokenType.StartArray, Position.InMessages, "an array for \"messages\"");
        }

        if (reader.ValueTextEquals("partial"u8))
        {
            return ReadBoolean(ref reader, ref _statementPartial, "partial");
        }

        if (reader.ValueTextEquals("error"u8))
        {
            if (!reader.Read())
            {
                return Step.Incomplete;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                _statementError = reader.GetString();
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                throw Unexpected(ref reader, "a string for \"error\"");
            }

            return Step.Continue;
        }

        return reader.TrySkip() ? Step.Continue : Step.Incomplete;
    }

    private Step SeriesProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("values"u8))
        {
            long keyOffset = _sliceOffset + reader.TokenStartIndex;
            Step step = ReadContainer(ref reader, JsonTokenType.StartArray, Position.InValues, "an array for \"values\"");
            if (step == Step.Continue && _position == Position.InValues)
            {
                if (!_sawColumns)
                {
                    throw QueryErrors.OutOfOrder(Describe(), keyOffset, "\"values\" before its \"columns\"");
                }

                StartSeriesIfNeeded();
            }

            return step;
        }

        if (reader.ValueTextEquals("partial"u8))
        {
            return ReadBoolean(ref reader, ref _seriesPartial, "partial");
        }

        bool isName = reader.ValueTextEquals("name"u8);
        bool isTags = !isName && reader.ValueTextEquals("tags"u8);
        bool isColumns = !isName && !isTags && reader.ValueTextEquals("columns"u8);
        if (!isName && !isTags && !isColumns)
        {
            return reader.TrySkip() ? Step.Continue : Step.Incomplete;
        }

        if (_series is not null)
        {
            string key = isName ? "name" : isTags ? "tags" : "columns";
            throw QueryErrors.OutOfOrder(Describe(), _sliceOffset + reader.TokenStartIndex, $"\"{key}\" after its \"values\"");
        }

        if (isTags)
        {
            Step step = ReadContainer(ref reader, JsonTokenType.StartObject, Position.InTags, "an object for \"tags\"");
            if (step == Step.Continue)
            {
                _tags.Clear();
            }

            return step;
        }

        if (isColumns)
        {
            Step step = ReadContainer(ref reader, JsonTokenType.StartArray, Position.InColumns, "an array for \"columns\"");
            if (step == Step.Continue)
            {
                _columns.Clear();
                _sawColumns = true;
            }

            return step;
        }

        if (!reader.Read())
        {
            return Step.Incomplete;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            _name = ReuseOrRead(ref reader, _previousSeries?.Name);
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            throw Unexpected(ref reader, "a string for \"name\"");
        }

        return Step.Continue;
    }

    private Step Tag(ref Utf8JsonReader reader)
    {
        int index = _tags.Count;
        KeyValuePair<string, string>? previous = index < _previousTags.Length ? _previousTags[index] : null;
        string key = ReuseOrRead(ref reader, previous?.Key);
        if (!reader.Read())
        {
            return Step.Incomplete;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            _tags.Add(new(key, ReuseOrRead(ref reader, previous?.Value)));
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            throw Unexpected(ref reader, $"a string for tag \"{key}\"");
        }

        return Step.Continue;
    }

    private Step Message(ref Utf8JsonReader reader)
    {
        Utf8JsonReader probe = reader;
        if (!probe.TrySkip())
        {
            return Step.Incomplete;
        }

        // The whole object is buffered now, so these reads cannot run out.
        string level = string.Empty;
        string text = string.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isLevel = reader.ValueTextEquals("level"u8);
            bool isText = !isLevel && reader.ValueTextEquals("text"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isLevel || isText))
            {
                string value = reader.GetString()!;
                level = isLevel ? value : level;
                text = isText ? value : text;
            }
            else
            {
                reader.TrySkip();
            }
        }

        (_messages ??= []).Add(new QueryMessage(level, text));
        return Step.Continue;
    }

    private Step Row(ref QueryRowReader cursor, bool isFinalBlock)
    {
        ref Utf8JsonReader reader = ref cursor.Json;
        if (!isFinalBlock)
        {
            RowScanner.Result scan;
            if (_slice.IsSingleSegment)
            {
                bool inString = false;
                bool escaped = false;
                scan = RowScanner.Scan(_slice.FirstSpan[(int)reader.BytesConsumed..], ref inString, ref escaped);
            }
            else
            {
                scan = RowScanner.Scan(_slice.Slice(reader.Position));
            }

            if (scan == RowScanner.Result.Incomplete)
            {
                return Step.Incomplete;
            }

            if (scan == RowScanner.Result.Nested)
            {
                Utf8JsonReader probe = reader;
                if (!probe.TrySkip())
                {
                    return Step.Incomplete;
                }
            }
        }

        cursor.BeginRow(_series!, _strings, _rowIndex);
        _sink.OnRow(ref cursor);
        cursor.FinishRow();
        _rowIndex++;
        return Step.Continue;
    }

    private Step ReadContainer(ref Utf8JsonReader reader, JsonTokenType start, Position inside, string expected)
    {
        if (!reader.Read())
        {
            return Step.Incomplete;
        }

        if (reader.TokenType == start)
        {
            if (inside == Position.InSeriesArray)
            {
                StartStatementIfNeeded();
            }

            _position = inside;
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            throw Unexpected(ref reader, expected);
        }

        return Step.Continue;
    }

    private Step ReadBoolean(ref Utf8JsonReader reader, ref bool target, string key)
    {
        if (!reader.Read())
        {
            return Step.Incomplete;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                target = true;
                break;
            case JsonTokenType.False:
            case JsonTokenType.Null:
                target = false;
                break;
            default:
                throw Unexpected(ref reader, $"a boolean for \"{key}\"");
        }

        return Step.Continue;
    }

    private void BeginStatement()
    {
        _resultIndex++;
        _statementId = 0;
        _hasStatementId = false;
        _statementStarted = false;
        _statementError = null;
        _messages = null;
        _statementPartial = false;
        _position = Position.InStatement;
    }

    private void StartStatementIfNeeded()
    {
        if (!_statementStarted)
        {
            _statementStarted = true;
            _sink.OnStatementStart(CurrentStatementId);
        }
    }

    private void EndStatement()
    {
        StartStatementIfNeeded();
        _position = Position.InResults;
        _sink.OnStatementEnd(CurrentStatementId, _statementError, _messages ?? NoMessages, _statementPartial);
    }

    private void BeginSeries()
    {
        _name = null;
        _tags.Clear();
        _columns.Clear();
        _series = null;
        _sawColumns = false;
        _seriesPartial = false;
        _rowIndex = 0;
        _position = Position.InSeries;
    }

    private void StartSeriesIfNeeded()
    {
        if (_series is not null)
        {
            return;
        }

        StartStatementIfNeeded();
        int statementId = CurrentStatementId;
        string name = _name ?? string.Empty;
        PointMetadata? previous = _previousSeries;

        // Chunks repeat the same series header again and again; reusing the metadata (and its strings, picked up
        // while reading) keeps a small chunk_size from allocating per chunk, and lets sinks cache by reference.
        if (previous is not null
            && previous.StatementId == statementId
            && string.Equals(previous.Name, name, StringComparison.Ordinal)
            && SameTags(CollectionsMarshal.AsSpan(_tags), _previousTags)
            && CollectionsMarshal.AsSpan(_columns).SequenceEqual(previous.ColumnSpan))
        {
            _series = previous;
        }
        else
        {
            Dictionary<string, string>? tags = null;
            if (_tags.Count > 0)
            {
                tags = new Dictionary<string, string>(_tags.Count, StringComparer.Ordinal);
                foreach (KeyValuePair<string, string> tag in _tags)
                {
                    tags[tag.Key] = tag.Value;
                }
            }

            _series = new PointMetadata(statementId, name, tags, [.. _columns], _epoch);
            _previousSeries = _series;
            _previousTags = [.. _tags];
        }

        _strings.Reset(_series);
        _sink.OnSeriesStart(_series);
    }

    private static bool SameTags(ReadOnlySpan<KeyValuePair<string, string>> tags, ReadOnlySpan<KeyValuePair<string, string>> previous)
    {
        if (tags.Length != previous.Length)
        {
            return false;
        }

        for (int i = 0; i < tags.Length; i++)
        {
            if (!string.Equals(tags[i].Key, previous[i].Key, StringComparison.Ordinal)
                || !string.Equals(tags[i].Value, previous[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string ReuseOrRead(ref Utf8JsonReader reader, string? candidate) =>
        candidate is not null && reader.ValueTextEquals(candidate) ? candidate : reader.GetString()!;

    private InfluxDBException Unexpected(ref Utf8JsonReader reader, string expected)
    {
        string found = reader.TokenType switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.PropertyName => "a property name",
            _ => reader.TokenType.ToString(),
        };
        return QueryErrors.Unexpected(Describe(), _sliceOffset + reader.TokenStartIndex, expected, found);
    }

    private string Describe()
    {
        string chunk = _multipleDocuments ? $"chunk {_documents + 1}: " : string.Empty;
        string series = $"series '{_name}' of statement {CurrentStatementId}";
        return chunk + _position switch
        {
            Position.BetweenDocuments or Position.DocumentStart or Position.InDocument => "the top level of the response",
            Position.InResults => "the results array",
            Position.InStatement or Position.InMessages or Position.InSeriesArray => $"statement {CurrentStatementId}",
            Position.InSeries or Position.InTags or Position.InColumns => series,
            _ => $"row {_rowIndex} of {series}",
        };
    }

    // Utf8JsonReader does not skip a UTF-8 byte order mark; a proxy or a file may add one before the first document.
    private static bool SkipByteOrderMark(ReadOnlySequence<byte> buffer, bool isFinalBlock, ref long consumed)
    {
        ReadOnlySpan<byte> mark = [0xEF, 0xBB, 0xBF];
        Span<byte> head = stackalloc byte[3];
        int length = (int)Math.Min(3, buffer.Length);
        buffer.Slice(0, length).CopyTo(head);
        if (!head[..length].SequenceEqual(mark[..length]))
        {
            return true;
        }

        if (length == 3)
        {
            consumed = 3;
            return true;
        }

        return isFinalBlock;
    }

    private static long CountWhitespace(ReadOnlySequence<byte> buffer)
    {
        long count = 0;
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            ReadOnlySpan<byte> span = segment.Span;
            int index = span.IndexOfAnyExcept(" \t\r\n"u8);
            if (index >= 0)
            {
                return count + index;
            }

            count += span.Length;
        }

        return count;
    }
}
