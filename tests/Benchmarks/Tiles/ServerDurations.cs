using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CohesionGeo.Benchmarks.Tiles;

/// <summary>
/// Collects ASP.NET Core's own <c>http.server.request.duration</c> (seconds, from the hosting layer: request in to
/// response written) for requests served in this process, in milliseconds, from the moment it is created.
/// </summary>
public sealed class ServerDurations : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _ms = new();

    public ServerDurations()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => _ms.Enqueue(seconds * 1000));
        _listener.Start();
    }

    public IReadOnlyList<double> Values => [.. _ms];

    public void Dispose() => _listener.Dispose();
}
