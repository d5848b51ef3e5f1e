namespace CohesionGeo.GeoEngine.Transit;

/// <summary>A WGS84 (EPSG:4326) position in degrees, as on the wire and in GTFS.</summary>
/// <param name="Lon">Degrees east.</param>
/// <param name="Lat">Degrees north.</param>
public readonly record struct LonLat(double Lon, double Lat)
{
    private const double EarthRadiusM = 6_371_008.8;

    /// <summary>Great-circle (haversine) distance in metres.</summary>
    public double DistanceM(LonLat other)
    {
        var dLat = double.DegreesToRadians(other.Lat - Lat);
        var dLon = double.DegreesToRadians(other.Lon - Lon);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(Lat)) * Math.Cos(double.DegreesToRadians(other.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
