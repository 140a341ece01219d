using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BatchCalling.Dialing;

/// <summary>
/// Reports calls that ended but were never reported, because the silo that placed them died or a report failed:
/// what a real platform's retried call events would do. Every silo sweeps; a claim is taken by one.
/// </summary>
public sealed partial class SimulatedCallSweeper(ISimulatedCallLog log, SimulatedDialer dialer, ILogger<SimulatedCallSweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var overdue = await log.ClaimOverdueAsync(Grace, 500);
                await Task.WhenAll(overdue.Select(dialer.ReportAsync));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping unreported simulated calls failed; trying again")]
    private partial void LogSweepFailed(Exception ex);
}
