using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>
/// One part of the first-start load of <c>data/</c> (the Newport sample). Each step runs once per
/// database; a completed step is recorded in <c>meta.load_steps</c> and skipped afterwards.
/// </summary>
public interface IDataLoadStep
{
    /// <summary>Stable key recorded in <c>meta.load_steps</c>.</summary>
    string Id { get; }

    /// <summary>Shown beside the progress bar.</summary>
    string Title { get; }

    /// <summary>Loads; reports progress in [0, 1]; returns a one-line summary (counts).</summary>
    Task<string> RunAsync(NpgsqlDataSource dataSource, string dataDirectory, IProgress<double> progress, CancellationToken ct);
}
