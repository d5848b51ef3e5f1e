using CohesionGeo.GeoEngine.Network;
using NetTopologySuite.Geometries;
using NetTopologySuite.LinearReferencing;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// Isochrones from reached edges (not alpha shapes): one search to the largest contour, then per contour
/// every edge wholly reached, plus the reached ends of partly reached edges (from each end, the
/// remaining seconds over the edge's cost), plus the origin's own edge and off-network leg, are drawn as
/// the band within <see cref="BufferMetres"/> of them (rasterised at <see cref="CellMetres"/> and traced
/// back into polygons: a buffer-and-union of thousands of lines took minutes). Blocks no street reaches
/// stay holes; nothing is filled.
/// EPSG:27700 in and out.
/// </summary>
public static class IsochroneBuilder
{
    /// <summary>Half-width of the band drawn around reached streets and paths, metres.</summary>
    public const double BufferMetres = 40;

    /// <summary>Raster cell used to draw the band, metres (the polygons are exact to one cell).</summary>
    public const double CellMetres = 10;

    /// <summary>Builds one contour per limit in <paramref name="contourSeconds"/> (ascending order returned).</summary>
    /// <param name="origin">The origin, linked for the mode (a set of one point; only the first is used).</param>
    /// <param name="contourSeconds">Limits, seconds.</param>
    /// <param name="settings">Walking speed.</param>
    /// <param name="search">A search over the same graph (one per thread).</param>
    public static IReadOnlyList<IsochroneContour> Build(LinkedPointSet origin, IReadOnlyList<float> contourSeconds, TravelSettings settings, DijkstraSearch search)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.Count == 0)
        {
            return [];
        }

        var first = new LinkedPointSet(origin.Graph, origin.Mode, [origin[0]]);
        return BuildSeeded(first, [0f], contourSeconds, settings, search);
    }

    /// <summary>
    /// Builds contours from several starts at once, each already reached after some seconds (e.g. the
    /// stops a public-transport search reached, each with its arrival time, plus the origin at 0): ONE
    /// multi-source search to the largest contour, then one band per contour, as <see cref="Build"/> does
    /// for one origin. A start's own edge and off-network leg are drawn with the seconds left after its
    /// start time. Starts with a non-finite or negative time are skipped.
    /// </summary>
    /// <param name="starts">The starts, linked for the mode.</param>
    /// <param name="startSeconds">Per start, seconds already spent on arrival there (same length as <paramref name="starts"/>).</param>
    /// <param name="contourSeconds">Limits, seconds (measured from the time origin of <paramref name="startSeconds"/>).</param>
    /// <param name="settings">Walking speed.</param>
    /// <param name="search">A search over the same graph (one per thread).</param>
    public static IReadOnlyList<IsochroneContour> BuildSeeded(LinkedPointSet starts, IReadOnlyList<float> startSeconds, IReadOnlyList<float> contourSeconds, TravelSettings settings, DijkstraSearch search)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(startSeconds);
        ArgumentNullException.ThrowIfNull(contourSeconds);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(search);
        if (startSeconds.Count != starts.Count)
        {
            throw new ArgumentException($"startSeconds has {startSeconds.Count} entries for {starts.Count} starts.", nameof(startSeconds));
        }

        if (starts.Count == 0 || contourSeconds.Count == 0)
        {
            return [];
        }

        var graph = starts.Graph;
        var mode = starts.Mode;
        var limits = contourSeconds.Order().ToArray();
        var max = limits[^1];
        var seeds = new List<Seed>(2 * starts.Count);
        Span<Seed> two = stackalloc Seed[2];
        for (var i = 0; i < starts.Count; i++)
        {
            var t0 = startSeconds[i];
            if (!float.IsFinite(t0) || t0 < 0 || t0 > max)
            {
                continue;
            }

            var k = starts.LeavingSeeds(i, settings, two);
            for (var j = 0; j < k; j++)
            {
                seeds.Add(new Seed(two[j].Node, two[j].Seconds + t0));
            }
        }

        var scale = settings.CostScale(mode);
        search.Run(mode, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(seeds), new SearchOptions(SearchDirection.Forward, max, scale));
        var times = search.Seconds;
        var factory = BritishNationalGrid.Factory;

        var linesPerContour = new List<List<LineString>>(limits.Length);
        foreach (var limit in limits)
        {
            var lines = new List<LineString>();
            linesPerContour.Add(lines);
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                var line = graph.EdgeGeometry(e);
                if (line is null)
                {
                    continue;
                }

                var ta = times[graph.EdgeSource(e)];
                var tb = times[graph.EdgeTarget(e)];
                if (ta > limit && tb > limit)
                {
                    continue;
                }

                var fromA = Reach(limit - ta, graph.EdgeSeconds(e, mode, reverse: false) * scale);
                var fromB = Reach(limit - tb, graph.EdgeSeconds(e, mode, reverse: true) * scale);
                AddPieces(lines, line, fromA, fromB);
            }

            // Each start's edge, walked both ways from the foot, and its off-network leg.
            for (var i = 0; i < starts.Count; i++)
            {
                var t0 = startSeconds[i];
                if (!float.IsFinite(t0) || t0 < 0)
                {
                    continue;
                }

                AddStart(lines, graph, mode, starts[i], limit - t0 - settings.OffNetworkSeconds(starts[i].OffsetMetres), scale);
            }
        }

        // One lattice for every contour (that of the largest), so that a longer contour contains the shorter ones.
        var cell = LineBandRaster.CellSizeFor(LineBandRaster.EnvelopeOf(linesPerContour[^1]), BufferMetres, CellMetres);
        var result = new List<IsochroneContour>(limits.Length);
        for (var c = 0; c < limits.Length; c++)
        {
            var polygon = LineBandRaster.Band(linesPerContour[c], BufferMetres, cell, factory);
            result.Add(new IsochroneContour(limits[c], polygon, polygon.Area, linesPerContour[c].Count));
        }

        return result;
    }

    private static void AddStart(List<LineString> lines, RoutingGraph graph, TravelMode mode, LinkedPoint p, float left, float scale)
    {
        if (left < 0)
        {
            return;
        }

        var line = graph.EdgeGeometry(p.Edge)!;
        var length = line.Length;
        var towardsB = Reach(left, graph.EdgeSeconds(p.Edge, mode, reverse: false) * scale);
        var towardsA = Reach(left, graph.EdgeSeconds(p.Edge, mode, reverse: true) * scale);
        var indexed = new LengthIndexedLine(line);
        var at = p.Fraction;
        if (towardsB > 0 || towardsA > 0)
        {
            var from = Math.Max(0, at - towardsA);
            var to = Math.Min(1, at + towardsB);
            if (to > from)
            {
                lines.Add((LineString)indexed.ExtractLine(from * length, to * length));
            }
        }

        if (p.OffsetMetres > 0.5)
        {
            lines.Add(BritishNationalGrid.Factory.CreateLineString([new Coordinate(p.X, p.Y), new Coordinate(p.FootX, p.FootY)]));
        }
    }

    /// <summary>Fraction of an edge covered with <paramref name="secondsLeft"/> at a cost of <paramref name="edgeSeconds"/>.</summary>
    private static double Reach(float secondsLeft, float edgeSeconds)
    {
        if (secondsLeft < 0 || float.IsPositiveInfinity(edgeSeconds))
        {
            return 0;
        }

        return edgeSeconds <= 0 ? 1 : Math.Min(1, secondsLeft / edgeSeconds);
    }

    private static void AddPieces(List<LineString> lines, LineString line, double fromA, double fromB)
    {
        if (fromA + fromB >= 1)
        {
            lines.Add(line);
            return;
        }

        var length = line.Length;
        var indexed = new LengthIndexedLine(line);
        if (fromA > 0)
        {
            lines.Add((LineString)indexed.ExtractLine(0, fromA * length));
        }

        if (fromB > 0)
        {
            lines.Add((LineString)indexed.ExtractLine((1 - fromB) * length, length));
        }
    }
}
