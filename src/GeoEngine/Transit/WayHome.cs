namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// The way home: someone who reaches a service in the morning must also get back. Flags a site and
/// service when the return journey in the evening window (default 16:00–19:00) is impossible or
/// takes more than <see cref="Ratio"/> times the outbound journey (default morning 08:00–10:00).
/// Both directions use walk + transit (walking alone when faster) at the same percentile.
/// </summary>
public static class WayHome
{
    /// <summary>Return journeys longer than this multiple of the outbound are flagged.</summary>
    public const double Ratio = 2.0;

    /// <summary>Classifies a pair of travel times (seconds; null = impossible).</summary>
    public static WayHomeResult Classify(int? outboundSeconds, int? returnSeconds) => Classify(outboundSeconds, returnSeconds, Ratio);

    /// <summary>Classifies a pair of travel times (seconds; null = impossible) against <paramref name="ratio"/> (return / outbound).</summary>
    public static WayHomeResult Classify(int? outboundSeconds, int? returnSeconds, double ratio)
    {
        if (returnSeconds is null)
        {
            return new WayHomeResult(outboundSeconds, null, true, "no way home in the evening window");
        }

        if (outboundSeconds is null)
        {
            return new WayHomeResult(null, returnSeconds, false, "no outbound journey in the morning window (nothing to compare)");
        }

        return returnSeconds > ratio * outboundSeconds
            ? new WayHomeResult(outboundSeconds, returnSeconds, true, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the way home takes {returnSeconds.Value / 60.0:0} min, more than {ratio:0.##}× the {outboundSeconds.Value / 60.0:0} min outbound"))
            : new WayHomeResult(outboundSeconds, returnSeconds, false, "ok");
    }

    /// <summary>Routes site → service in <paramref name="outbound"/> and service → site in <paramref name="evening"/>, then classifies.</summary>
    public static WayHomeResult Check(TransitRouter router, LonLat site, LonLat service, TransitWindow outbound, TransitWindow evening, int percentile = 50)
    {
        ArgumentNullException.ThrowIfNull(router);
        var there = router.Samples([site], [service], outbound)[0].Percentile(0, percentile);
        var back = router.Samples([service], [site], evening)[0].Percentile(0, percentile);
        return Classify(there, back);
    }
}
