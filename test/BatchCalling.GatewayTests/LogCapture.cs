using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BatchCalling.GatewayTests;

/// <summary>Keeps every log entry the embedded gateway writes, with the path of the request it was written for (from ASP.NET Core's request scope).</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogEntry> All => [.. _entries];

    public IReadOnlyList<LogEntry> ForPathContaining(string marker) => [.. _entries.Where(e => e.RequestPath?.Contains(marker, StringComparison.Ordinal) ?? false)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? path = null;
            capture._scopes.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "RequestPath").Value is string p)
                {
                    path = p;
                }
            }, (object?)null);
            capture._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), path));
        }
    }
}

public sealed record LogEntry(LogLevel Level, string Category, string Message, string? RequestPath);
