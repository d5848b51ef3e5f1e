using System.Diagnostics;
using CohesionGeo.GeoApi.Transit;
using CohesionGeo.GeoEngine.Accessibility;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.GeoEngine.Transit;
using Npgsql;

namespace CohesionGeo.GeoApi.Access;

/// <summary>
/// Writes <c>access.dwelling_times</c> and <c>access.area_stats</c> rows with <c>mode = 'transit'</c>:
/// per dwelling, the better of walking (the stored walk rows, so run after <see cref="AccessComputation"/>)
/// and walk + bus + rail at the 50th percentile of the default window (Tuesday of the default feeds,
/// 08:00–10:00), by <see cref="TransitAccess"/> (one Range RAPTOR per 200 m cell of dwellings, all kinds
/// at once). Counts within 15/30 minutes are the larger of the walk count and the transit count from
/// the cell (a lower bound of the union). A dwelling with no walk time (not linked to the network) and
/// no transit journey is left out of area figures, as for walk. Nothing is written when no timetable
/// is loaded. Each kind is replaced in its own transaction.
/// </summary>
public static class TransitAccessComputation
{
    /// <summary>The mode name in <c>access.*</c>.</summary>
    public const string Mode = "transit";

    /// <summary>Percentile of the departure minutes used.</summary>
    public const int Percentile = 50;

    /// <summary>
    /// After a timetable import: recomputes transit access for every kind whose walk access exists (transit rows
    /// build on the walk rows), so access surfaces and isolation follow the new timetable. Returns a one-line summary,
    /// or why nothing was done (no access computed yet: the first <c>compute access</c> or start-up load does it).
    /// </summary>
    public static async Task<string> RefreshAfterTimetableChangeAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        IReadOnlyList<string> kinds;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        {
            kinds = await AccessStore.ComputedKindsAsync(conn, "walk", ct);
        }

        return kinds.Count == 0
            ? "transit access not recomputed: no access computed yet (./cohesiongeo compute access)"
            : await RunAsync(dataSource, kinds, null, ct);
    }

    /// <summary>Computes and writes transit access for <paramref name="kinds"/>; returns a one-line summary (or why nothing was done).</summary>
    public static async Task<string> RunAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> kinds, AccessComputeReport? report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count == 0)
        {
            return "transit access up to date";
        }

        var provider = TransitRouterProvider.For(dataSource);
        var (feeds, date) = await provider.FeedsAsync(ct);
        if (feeds.Count == 0 || date is not { } day)
        {
            return "transit access skipped: no timetable loaded";
        }

        var clock = Stopwatch.StartNew();
        var router = await provider.RouterAsync(day, ct);
        if (router is null)
        {
            return "transit access skipped: no timetable loaded";
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var dwellings = await AccessStore.ReadDwellingsAsync(conn, Places.PlacesLoader.HexSizeM, ct);
        var kindList = kinds.ToList();
        var facilities = new List<IReadOnlyList<GeoEngine.Transit.LonLat>>();
        foreach (var kind in kindList)
        {
            var f = await AccessStore.ReadFacilitiesAsync(conn, kind, ct);
            facilities.Add([.. Enumerable.Range(0, f.Count).Select(j => BritishNationalGrid.ToWgs84(f.X[j], f.Y[j])).Select(p => new GeoEngine.Transit.LonLat(p.Lon, p.Lat))]);
        }

        var setup = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var origins = Enumerable.Range(0, dwellings.Count).Select(i => (dwellings.X[i], dwellings.Y[i])).ToList();
        var result = TransitAccess.Compute(router, origins, facilities, TransitWindow.Morning, Percentile);
        var routing = clock.Elapsed.TotalSeconds;
        report?.Add("transit timetable", setup);
        report?.Add("transit RAPTOR", routing);

        clock.Restart();
        var (lsoaCodes, lsoaOf) = AccessComputation.Index(dwellings.Lsoa);
        var (hexCodes, hexOf) = AccessComputation.Index(dwellings.Hex);
        var withFigures = 0;
        for (var k = 0; k < kindList.Count; k++)
        {
            var walk = await AccessTimesReader.ReadAsync(conn, kindList[k], "walk", ct);
            var nearest = new float[dwellings.Count];
            var w15 = new int[dwellings.Count];
            var w30 = new int[dwellings.Count];
            var lsoa = new int[dwellings.Count];
            var hex = new int[dwellings.Count];
            var counted = 0;
            for (var i = 0; i < dwellings.Count; i++)
            {
                var (walkSeconds, walk15, walk30) = walk.TryGetValue(dwellings.Ids[i], out var w) ? w : (null, 0, 0);
                var transit = result.TransitSeconds[k][i];
                nearest[i] = MathF.Min(walkSeconds ?? float.PositiveInfinity, transit);
                w15[i] = Math.Max(walk15, result.Within15[k][i]);
                w30[i] = Math.Max(walk30, result.Within30[k][i]);
                var inFigures = walkSeconds is not null || float.IsFinite(transit);
                lsoa[i] = inFigures ? lsoaOf[i] : -1;
                hex[i] = inFigures ? hexOf[i] : -1;
                counted += inFigures ? 1 : 0;
            }

            withFigures = Math.Max(withFigures, counted);
            var areas = new List<AreaStatRow>();
            AccessComputation.Summaries(nearest, lsoa, lsoaCodes, areas);
            AccessComputation.Summaries(nearest, hex, hexCodes, areas);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await AccessStore.ReplaceAsync(conn, tx, kindList[k], Mode, dwellings.Ids, new ServiceAccess(nearest, w15, w30, []), areas, result.FacilitiesLinked[k], routing, ct);
            await tx.CommitAsync(ct);
        }

        report?.Add("transit write", clock.Elapsed.TotalSeconds);
        if (report is not null)
        {
            report.LinkedDwellings[Mode] = withFigures;
        }

        return $"transit access ({day:yyyy-MM-dd} 08:00–10:00, p{Percentile}): {kindList.Count} kinds, {dwellings.Count} dwellings in {result.Clusters} cells of {TransitAccess.DefaultCellMetres:0} m; timetable {setup:0.0} s, RAPTOR {routing:0.0} s, write {clock.Elapsed.TotalSeconds:0.0} s";
    }
}
