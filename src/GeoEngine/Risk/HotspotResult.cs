namespace CohesionGeo.GeoEngine.Risk;

/// <summary>Per cell, in input order: Gi* z, two-sided p, BH-adjusted p, class (−3..3).</summary>
public sealed record HotspotResult(double[] Z, double[] P, double[] AdjustedP, int[] Class);
