using System.Diagnostics;
using CohesionGeo.GeoEngine.Accessibility;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Places;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Access;

/// <summary>
/// Computes <c>access.*</c> for some service kinds over walk, cycle and drive: links dwellings once
/// per mode, then per (kind, mode) one <see cref="ServiceAccessCalculator"/> run, area summaries per
/// LSOA and 250 m hex, and for GPs with a known capacity the two-step floating catchment (30-minute
/// catchment). Each kind is written in its own transaction, so a kind is replaced whole.
/// Points more than <see cref="PointLinker.DefaultMaxLinkMetres"/> from a usable edge are not linked:
/// unlinked dwellings get no time (NULL) and are left out of area figures (an LSOA centroid beyond the
/// mapped network says nothing about access); unlinked facilities (e.g. GPs elsewhere in Wales) are left out.
/// </summary>
public static class AccessComputation
{
    /// <summary>The modes computed, with their wire names.</summary>
    public static IReadOnlyList<(TravelMode Mode, string Name)> Modes { get; } = [(TravelMode.Walk, "walk"), (TravelMode.Cycle, "cycle"), (TravelMode.Drive, "drive")];

    /// <summary>Catchment of the GP two-step floating catchment, seconds.</summary>
    public const float GpCatchmentSeconds = ServiceAccessCalculator.Seconds30;

    public static async Task<AccessComputeReport> RunAsync(
        NpgsqlDataSource dataSource, RoutingGraph graph, long networkImportId, IReadOnlyCollection<string> kinds, IProgress<double>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(kinds);
        var report = new AccessComputeReport();
        report.Kinds.AddRange(kinds);
        if (kinds.Count == 0)
        {
            progress?.Report(1);
            return report;
        }

        var settings = TravelSettings.Default;
        var workers = Math.Max(1, Environment.ProcessorCount);
        var clock = Stopwatch.StartNew();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var dwellings = await AccessStore.ReadDwellingsAsync(conn, Places.PlacesLoader.HexSizeM, ct);
        report.Dwellings = dwellings.Count;
        var (lsoaCodes, lsoaOf) = Index(dwellings.Lsoa);
        var (hexCodes, hexOf) = Index(dwellings.Hex);
        var facilitiesByKind = new Dictionary<string, AccessFacilities>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            facilitiesByKind[kind] = await AccessStore.ReadFacilitiesAsync(conn, kind, ct);
        }

        report.Add("read", clock.Elapsed.TotalSeconds);

        // Link dwellings once per mode.
        clock.Restart();
        var linkers = new PointLinker[Modes.Count];
        var linkedDwellings = new (LinkedPointSet Set, int[] Dwelling)[Modes.Count];
        for (var m = 0; m < Modes.Count; m++)
        {
            linkers[m] = new PointLinker(graph, Modes[m].Mode);
            linkedDwellings[m] = await LinkDwellingsAsync(conn, linkers[m], Modes[m].Name, networkImportId, dwellings, workers, ct);
            report.LinkedDwellings[Modes[m].Name] = linkedDwellings[m].Set.Count;
        }

        report.Add("link dwellings", clock.Elapsed.TotalSeconds);
        var steps = kinds.Count * Modes.Count;
        var done = 0;
        foreach (var kind in kinds)
        {
            var facilities = facilitiesByKind[kind];
            var results = new List<(string Mode, ServiceAccess Access, List<AreaStatRow> Areas, int Linked, double Seconds, double[]? GpScores)>();
            for (var m = 0; m < Modes.Count; m++)
            {
                clock.Restart();
                var (fset, fIndex) = LinkSubset(linkers[m], facilities.X, facilities.Y);
                report.Add("link facilities", clock.Elapsed.TotalSeconds);
                report.Facilities[$"{kind}/{Modes[m].Name}"] = (fset.Count, facilities.Count);

                clock.Restart();
                var (dset, dIndex) = linkedDwellings[m];
                var wantPairs = kind == FacilityKinds.Gp && fIndex.Any(j => facilities.Capacity[j] is not null);
                var linked = ServiceAccessCalculator.Compute(dset, fset, settings, wantPairs ? GpCatchmentSeconds : null, workers);
                var surfaceSeconds = clock.Elapsed.TotalSeconds;
                report.Add("surfaces", surfaceSeconds);

                clock.Restart();
                var access = Expand(linked, dIndex, dwellings.Count);
                var areas = new List<AreaStatRow>();
                Summaries(access.NearestSeconds, OnNetwork(lsoaOf, dIndex), lsoaCodes, areas);
                Summaries(access.NearestSeconds, OnNetwork(hexOf, dIndex), hexCodes, areas);
                double[]? gpScores = null;
                if (wantPairs)
                {
                    var demand = new double[dset.Count];
                    Array.Fill(demand, 1.0);
                    var supply = fIndex.Select(j => facilities.Capacity[j] is { } c ? (double?)c : null).ToList();
                    var (_, score) = TwoStepFloatingCatchment.Compute(demand, supply, linked.Pairs);
                    gpScores = new double[dwellings.Count];
                    for (var i = 0; i < dIndex.Length; i++)
                    {
                        gpScores[dIndex[i]] = score[i];
                    }
                }

                report.Add("aggregate", clock.Elapsed.TotalSeconds);
                results.Add((Modes[m].Name, access, areas, fset.Count, surfaceSeconds, gpScores));
                progress?.Report((double)++done / steps * 0.95);
            }

            clock.Restart();
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                foreach (var r in results)
                {
                    await AccessStore.ReplaceAsync(conn, tx, kind, r.Mode, dwellings.Ids, r.Access, r.Areas, r.Linked, r.Seconds, ct);
                    if (kind == FacilityKinds.Gp)
                    {
                        await AccessStore.ReplaceGpScoresAsync(conn, tx, r.Mode, dwellings.Ids, r.GpScores, ct);
                    }
                }

                await tx.CommitAsync(ct);
            }

            report.Add("write", clock.Elapsed.TotalSeconds);
        }

        progress?.Report(1);
        return report;
    }

    /// <summary>Kinds whose facilities changed since they were last computed (all kinds on a fresh database).</summary>
    public static async Task<IReadOnlyList<string>> StaleKindsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await AccessStore.StaleKindsAsync(conn, FacilityKinds.All, ct);
    }

    /// <summary>
    /// Dwelling links of one mode: reused from <c>access.dwelling_links</c> when they were made on this
    /// network import for exactly these dwellings, else linked now and stored for the next run.
    /// </summary>
    private static async Task<(LinkedPointSet Set, int[] Index)> LinkDwellingsAsync(
        NpgsqlConnection conn, PointLinker linker, string mode, long importId, AccessDwellings dwellings, int workers, CancellationToken ct)
    {
        var graph = linker.Graph;
        if (importId > 0 && graph.EdgeIds is { } edgeIds)
        {
            var cached = await AccessStore.ReadLinksAsync(conn, mode, importId, ct);
            if (cached.Count == dwellings.Count && dwellings.Ids.All(cached.ContainsKey))
            {
                var edgeIndex = new Dictionary<long, int>(edgeIds.Length);
                for (var e = 0; e < edgeIds.Length; e++)
                {
                    edgeIndex[edgeIds[e]] = e;
                }

                var points = new List<LinkedPoint>(dwellings.Count);
                var index = new List<int>(dwellings.Count);
                var complete = true;
                for (var i = 0; i < dwellings.Count && complete; i++)
                {
                    var l = cached[dwellings.Ids[i]];
                    if (l.EdgeId is not { } id)
                    {
                        continue;
                    }

                    if (!edgeIndex.TryGetValue(id, out var e))
                    {
                        complete = false;
                        break;
                    }

                    points.Add(new LinkedPoint(e, l.Fraction, l.Offset, dwellings.X[i], dwellings.Y[i], l.FootX, l.FootY));
                    index.Add(i);
                }

                if (complete)
                {
                    return (new LinkedPointSet(graph, linker.Mode, points.ToArray()), index.ToArray());
                }
            }
        }

        var linked = LinkSubset(linker, dwellings.X, dwellings.Y, workers);
        if (importId > 0 && graph.EdgeIds is { } ids)
        {
            var rows = new (long?, double, double, double, double)[dwellings.Count];
            for (var k = 0; k < linked.Index.Length; k++)
            {
                var p = linked.Set[k];
                rows[linked.Index[k]] = (ids[p.Edge], p.Fraction, p.OffsetMetres, p.FootX, p.FootY);
            }

            await AccessStore.ReplaceLinksAsync(conn, mode, importId, dwellings.Ids, rows, ct);
        }

        return linked;
    }

    private static (LinkedPointSet Set, int[] Index) LinkSubset(PointLinker linker, double[] x, double[] y, int workers = 1)
    {
        // The linker is thread-safe after construction: link in parallel, then keep the linked ones in order.
        var points = new LinkedPoint[x.Length];
        var ok = new bool[x.Length];
        Parallel.For(0, x.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, i =>
        {
            try
            {
                points[i] = linker.Link(x[i], y[i]);
                ok[i] = true;
            }
            catch (PointLinkException)
            {
                // Too far from any usable edge: left out (counted as unreachable / not a destination).
            }
        });
        var index = Enumerable.Range(0, x.Length).Where(i => ok[i]).ToArray();
        return (new LinkedPointSet(linker.Graph, linker.Mode, index.Select(i => points[i]).ToArray()), index);
    }

    /// <summary>Area index per dwelling, −1 for dwellings not linked to the network (left out of area figures).</summary>
    private static int[] OnNetwork(int[] areaOf, int[] linkedIndex)
    {
        var result = new int[areaOf.Length];
        Array.Fill(result, -1);
        foreach (var i in linkedIndex)
        {
            result[i] = areaOf[i];
        }

        return result;
    }

    private static ServiceAccess Expand(ServiceAccess linked, int[] index, int count)
    {
        var nearest = new float[count];
        Array.Fill(nearest, float.PositiveInfinity);
        var w15 = new int[count];
        var w30 = new int[count];
        for (var i = 0; i < index.Length; i++)
        {
            nearest[index[i]] = linked.NearestSeconds[i];
            w15[index[i]] = linked.Within15[i];
            w30[index[i]] = linked.Within30[i];
        }

        return new ServiceAccess(nearest, w15, w30, []);
    }

    internal static (string[] Codes, int[] Of) Index(string?[] codes)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var of = new int[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] is not { } c)
            {
                of[i] = -1;
                continue;
            }

            if (!map.TryGetValue(c, out var k))
            {
                k = map.Count;
                map[c] = k;
            }

            of[i] = k;
        }

        var list = new string[map.Count];
        foreach (var (code, k) in map)
        {
            list[k] = code;
        }

        return (list, of);
    }

    internal static void Summaries(float[] seconds, int[] areaOf, string[] codes, List<AreaStatRow> into)
    {
        var summaries = AccessAggregator.ByArea(seconds, areaOf, codes.Length);
        for (var a = 0; a < codes.Length; a++)
        {
            if (summaries[a] is { } s)
            {
                into.Add(new AreaStatRow(codes[a], s));
            }
        }
    }
}
