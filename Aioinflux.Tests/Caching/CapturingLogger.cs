using Microsoft.Extensions.Logging;

namespace Aioinflux.Tests.Caching;

/// <summary>Keeps every log line with its level and event id, from any thread.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly List<(LogLevel Level, int EventId, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, int EventId, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public int Count(LogLevel level, int eventId) => Lines.Count(l => l.Level == level && l.EventId == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}
