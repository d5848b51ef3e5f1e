using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;

namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// Walk + transit isochrones: one Range RAPTOR from the origin over the window gives every
/// street-linked stop its travel time at the requested percentile (waiting included); then ONE
/// multi-source walk search on the street network, seeded at the origin (0 s) and at every stop
/// reached (its time), draws the contours with <see cref="IsochroneBuilder.BuildSeeded"/> — the
/// same bands as the walk isochrone, so the transit one always contains the walk one.
/// Coordinates: origin WGS84 lon/lat; contours EPSG:27700.
/// Caveat (conservative): the time to a street point is taken as min over stops of
/// (percentile of the arrival at the stop + the walk from it), which is never less than the
/// percentile of the per-minute minimum (what R5 computes), so contours can only be slightly
/// smaller than exact, never larger. Stops outside the street network cannot seed walks.
/// </summary>
public static class TransitIsochrone
{
    /// <summary>Builds contours for <paramref name="contourSeconds"/> (seconds) from <paramref name="origin"/>.</summary>
    /// <param name="router">A router whose walk legs run on the street network (<see cref="StreetWalkLegs"/>).</param>
    /// <param name="origin">WGS84 lon/lat.</param>
    /// <param name="window">Departure window and walking settings (speed, access limit).</param>
    /// <param name="percentile">1–99 over the departure minutes (50 = typical).</param>
    /// <param name="contourSeconds">Limits, seconds.</param>
    /// <exception cref="PointLinkException">The origin is too far from any walkable edge.</exception>
    /// <exception cref="InvalidOperationException">The router has no street network.</exception>
    public static TransitIsochroneResult Build(TransitRouter router, LonLat origin, TransitWindow window, int percentile, IReadOnlyList<float> contourSeconds)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(contourSeconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 99);
        if (router.WalkLegs is not StreetWalkLegs street)
        {
            throw new InvalidOperationException("Transit isochrones need the street network (walk legs on streets); none is loaded.");
        }

        if (contourSeconds.Count == 0)
        {
            return new TransitIsochroneResult([], 0, street.LinkedStopCount);
        }

        var context = street.Context;
        var (x, y) = BritishNationalGrid.FromWgs84(origin.Lon, origin.Lat);
        var linkedOrigin = context.Linker(TravelMode.Walk).Link(x, y, Math.Min(PointLinker.DefaultMaxLinkMetres, window.Walk.MaxWalkM));
        var max = contourSeconds.Max();

        // Range RAPTOR to every linked stop (no egress walk: the walk search below does that).
        var stops = street.LinkedStops;
        var targets = new EgressTargets([.. Enumerable.Range(0, stops.Count).Select(i => (IReadOnlyList<StopLeg>)[new StopLeg(street.StopOfLinked(i), 0)])]);
        var access = street.AccessLegs(origin, window.Walk);
        var samples = router.CreateSearch(window.Walk).Run(access, targets, null, window.FromSeconds, window.ToSeconds);

        var points = new List<LinkedPoint>(stops.Count + 1) { linkedOrigin };
        var seconds = new List<float>(stops.Count + 1) { 0f };
        for (var i = 0; i < stops.Count; i++)
        {
            if (samples.Percentile(i, percentile) is { } t && t < max)
            {
                points.Add(stops[i]);
                seconds.Add(t);
            }
        }

        var starts = new LinkedPointSet(context.Graph, TravelMode.Walk, [.. points]);
        var search = context.RentSearch();
        try
        {
            var contours = IsochroneBuilder.BuildSeeded(starts, seconds, contourSeconds, new TravelSettings(window.Walk.SpeedKmh), search);
            return new TransitIsochroneResult(contours, points.Count - 1, stops.Count);
        }
        finally
        {
            context.Return(search);
        }
    }
}
