using System.Collections.Concurrent;
using Npgsql;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// Keeps one connection listening on <c>cohesiongeo_tiles</c> (migration 0502: a statement trigger on every table
/// behind a tile layer sends its data key at commit) and evicts the dependent layers. It starts listening before the
/// server takes requests. If the connection drops, it reconnects and evicts every tile, since notifications sent
/// meanwhile are lost.
/// </summary>
public sealed partial class TileInvalidationListener(NpgsqlDataSource dataSource, TileCache cache, ILogger<TileInvalidationListener> logger)
    : BackgroundService
{
    public const string Channel = "cohesiongeo_tiles";

    private readonly ConcurrentQueue<string> _pending = new();
    private NpgsqlConnection? _connection;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _connection = await ListenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            ConnectionLost(logger, ex);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_connection is null)
                {
                    _connection = await ListenAsync(stoppingToken);
                    await cache.InvalidateAllAsync(stoppingToken);
                }

                await _connection.WaitAsync(stoppingToken);
                while (_pending.TryDequeue(out var key))
                {
                    if (TileDataKeys.All.Contains(key, StringComparer.Ordinal))
                    {
                        await cache.InvalidateAsync(key, stoppingToken);
                    }
                    else
                    {
                        UnknownKey(logger, key);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                ConnectionLost(logger, ex);
                if (_connection is not null)
                {
                    await _connection.DisposeAsync();
                    _connection = null;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        conn.Notification += (_, e) => _pending.Enqueue(e.Payload);
        await using var listen = new NpgsqlCommand("LISTEN " + Channel, conn);
        await listen.ExecuteNonQueryAsync(ct);
        return conn;
    }

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Tile cache notifications unavailable; retrying (all tiles are evicted on reconnect)")]
    private static partial void ConnectionLost(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Tile notification with unknown data key '{Key}' ignored")]
    private static partial void UnknownKey(ILogger logger, string key);
}
