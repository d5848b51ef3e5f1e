namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// Walk + transit access from every origin to each service kind (see <see cref="TransitAccess"/>).
/// Arrays are [kind][origin]. Seconds are the percentile's travel time by transit (walks to, from and
/// between stops included; NOT the direct walk, which the caller takes the better of); +∞ = no
/// journey at that percentile. Counts are facilities of the kind within 15 and 30 minutes by transit.
/// </summary>
/// <param name="TransitSeconds">Per kind, per origin: seconds to the nearest facility by transit.</param>
/// <param name="Within15">Per kind, per origin: facilities reached by transit within 15 minutes.</param>
/// <param name="Within30">Per kind, per origin: facilities reached by transit within 30 minutes.</param>
/// <param name="Clusters">Origin clusters routed (one Range RAPTOR each).</param>
/// <param name="FacilitiesLinked">Per kind: facilities linked to the walking network (the others are left out).</param>
public sealed record TransitAccessResult(float[][] TransitSeconds, int[][] Within15, int[][] Within30, int Clusters, int[] FacilitiesLinked);
