using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;

namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// Transit time from many origins (dwellings) to the nearest facility of each service kind, at one
/// percentile of a departure window. RAPTOR is origin-based, so origins are grouped into square
/// cells of <c>cellMetres</c> (EPSG:27700) and ONE Range RAPTOR runs per cell, from the origin
/// nearest the cell's mean (as Conveyal R5 routes regional analyses from grid-cell centres); every
/// origin of the cell takes its figures. Targets: per kind, "any facility of the kind" (the union of
/// all its facilities' egress walks, so the per-minute minimum is exact before the percentile is
/// taken), and every facility on its own (for the 15/30-minute counts). All kinds share each RAPTOR.
/// The direct walk is not included: the caller takes min(walk time, transit time), which equals the
/// percentile of the per-minute minimum exactly, because the walk does not depend on the minute.
/// Error: only the access walk of the cell's representative stands in for each origin's own (within
/// a cell of 200 m, up to ~140 m of walking either way); the test measures it against per-origin RAPTOR.
/// Facilities and origins that cannot be linked to the walking network are left out (+∞).
/// </summary>
public static class TransitAccess
{
    /// <summary>Default cell size, metres.</summary>
    public const double DefaultCellMetres = 200;

    /// <param name="router">Timetable and walk legs (street network preferred).</param>
    /// <param name="origins">Origins, EPSG:27700 metres.</param>
    /// <param name="facilitiesByKind">Per kind, its facilities (WGS84).</param>
    /// <param name="window">Departure window and walking settings.</param>
    /// <param name="percentile">1–99 over the departure minutes.</param>
    /// <param name="cellMetres">Cell size; 0 or less routes every origin on its own (exact, slow).</param>
    /// <param name="workers">Threads (0 = all cores).</param>
    public static TransitAccessResult Compute(
        TransitRouter router, IReadOnlyList<(double X, double Y)> origins, IReadOnlyList<IReadOnlyList<LonLat>> facilitiesByKind,
        TransitWindow window, int percentile = 50, double cellMetres = DefaultCellMetres, int workers = 0)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(facilitiesByKind);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 99);
        var kinds = facilitiesByKind.Count;
        var walk = window.Walk;

        // Targets: kinds first (union of egress walks), then each facility with a stop within reach.
        var unions = new List<IReadOnlyList<StopLeg>>(kinds);
        var single = new List<IReadOnlyList<StopLeg>>();
        var kindOfSingle = new List<int>();
        var linked = new int[kinds];
        for (var k = 0; k < kinds; k++)
        {
            var union = new Dictionary<int, int>();
            foreach (var f in facilitiesByKind[k])
            {
                IReadOnlyList<StopLeg> legs;
                try
                {
                    legs = router.WalkLegs.EgressLegs(f, walk);
                }
                catch (PointLinkException)
                {
                    continue;
                }

                linked[k]++;
                if (legs.Count == 0)
                {
                    continue;
                }

                single.Add(legs);
                kindOfSingle.Add(k);
                foreach (var leg in legs)
                {
                    union[leg.Stop] = union.TryGetValue(leg.Stop, out var s) ? Math.Min(s, leg.Seconds) : leg.Seconds;
                }
            }

            unions.Add([.. union.Select(p => new StopLeg(p.Key, p.Value))]);
        }

        var targets = new EgressTargets([.. unions, .. single]);
        var clusters = Cluster(origins, cellMetres);

        var seconds = new float[kinds][];
        var w15 = new int[kinds][];
        var w30 = new int[kinds][];
        for (var k = 0; k < kinds; k++)
        {
            seconds[k] = new float[origins.Count];
            Array.Fill(seconds[k], float.PositiveInfinity);
            w15[k] = new int[origins.Count];
            w30[k] = new int[origins.Count];
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = workers > 0 ? workers : Environment.ProcessorCount };
        Parallel.For(0, clusters.Count, options, () => (Search: router.CreateSearch(walk), C15: new int[kinds], C30: new int[kinds]), (c, _, local) =>
        {
            var (rep, members) = clusters[c];
            var (lon, lat) = BritishNationalGrid.ToWgs84(origins[rep].X, origins[rep].Y);
            IReadOnlyList<StopLeg> access;
            try
            {
                access = router.WalkLegs.AccessLegs(new LonLat(lon, lat), walk);
            }
            catch (PointLinkException)
            {
                return local;
            }

            if (access.Count == 0 || targets.Count == 0)
            {
                return local;
            }

            var samples = local.Search.Run(access, targets, null, window.FromSeconds, window.ToSeconds);
            Array.Clear(local.C15);
            Array.Clear(local.C30);
            for (var f = 0; f < single.Count; f++)
            {
                if (samples.Percentile(kinds + f, percentile) is { } t)
                {
                    if (t <= 900)
                    {
                        local.C15[kindOfSingle[f]]++;
                    }

                    if (t <= 1800)
                    {
                        local.C30[kindOfSingle[f]]++;
                    }
                }
            }

            for (var k = 0; k < kinds; k++)
            {
                var t = samples.Percentile(k, percentile) is { } v ? v : float.PositiveInfinity;
                foreach (var i in members)
                {
                    seconds[k][i] = t;
                    w15[k][i] = local.C15[k];
                    w30[k][i] = local.C30[k];
                }
            }

            return local;
        }, _ => { });

        return new TransitAccessResult(seconds, w15, w30, clusters.Count, linked);
    }

    /// <summary>Origins grouped by square cell; each cell's representative is the origin nearest the cell's mean.</summary>
    private static List<(int Representative, int[] Members)> Cluster(IReadOnlyList<(double X, double Y)> origins, double cellMetres)
    {
        if (cellMetres <= 0)
        {
            return [.. Enumerable.Range(0, origins.Count).Select(i => (i, new[] { i }))];
        }

        var cells = new Dictionary<(long, long), List<int>>();
        for (var i = 0; i < origins.Count; i++)
        {
            var key = ((long)Math.Floor(origins[i].X / cellMetres), (long)Math.Floor(origins[i].Y / cellMetres));
            if (!cells.TryGetValue(key, out var list))
            {
                list = [];
                cells[key] = list;
            }

            list.Add(i);
        }

        var result = new List<(int, int[])>(cells.Count);
        foreach (var members in cells.Values)
        {
            var mx = members.Average(i => origins[i].X);
            var my = members.Average(i => origins[i].Y);
            var rep = members.MinBy(i => ((origins[i].X - mx) * (origins[i].X - mx)) + ((origins[i].Y - my) * (origins[i].Y - my)));
            result.Add((rep, [.. members]));
        }

        return result;
    }
}
