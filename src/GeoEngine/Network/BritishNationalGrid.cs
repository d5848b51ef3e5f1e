using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace CohesionGeo.GeoEngine.Network;

/// <summary>
/// WGS84 (EPSG:4326, lon/lat degrees) ⇄ British National Grid (EPSG:27700, metres), the analysis CRS.
/// ProjNET has no EPSG database, so the EPSG:27700 WKT is embedded here with its 7-parameter
/// Helmert TOWGS84 (the same parameters PROJ/PostGIS use): agreement with <c>ST_Transform</c> is
/// centimetric; the datum shift itself is good to a few metres against OSTN15. Thread-safe.
/// </summary>
public static class BritishNationalGrid
{
    /// <summary>EPSG:27700 as OGC WKT 1 with TOWGS84.</summary>
    public const string Wkt =
        "PROJCS[\"OSGB 1936 / British National Grid\",GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\",SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]]," +
        "TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],AUTHORITY[\"EPSG\",\"6277\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]]," +
        "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4277\"]],PROJECTION[\"Transverse_Mercator\"]," +
        "PARAMETER[\"latitude_of_origin\",49],PARAMETER[\"central_meridian\",-2],PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000]," +
        "PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

    /// <summary>SRID of the analysis CRS.</summary>
    public const int Srid = 27700;

    private static readonly ThreadLocal<(MathTransform Forward, MathTransform Inverse)> Transforms = new(Create);

    /// <summary>A geometry factory for EPSG:27700 geometries.</summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), Srid);

    /// <summary>Longitude/latitude (degrees, WGS84) to easting/northing (metres, EPSG:27700).</summary>
    public static (double X, double Y) FromWgs84(double lon, double lat) => Transforms.Value.Forward.Transform(lon, lat);

    /// <summary>Easting/northing (metres, EPSG:27700) to longitude/latitude (degrees, WGS84).</summary>
    public static (double Lon, double Lat) ToWgs84(double x, double y) => Transforms.Value.Inverse.Transform(x, y);

    /// <summary>Returns a copy of an EPSG:27700 geometry in WGS84 lon/lat (SRID 4326).</summary>
    public static Geometry ToWgs84(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var copy = geometry.Copy();
        copy.Apply(new Wgs84Filter());
        copy.SRID = 4326;
        copy.GeometryChanged();
        return copy;
    }

    private static (MathTransform, MathTransform) Create()
    {
        var bng = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt);
        var factory = new CoordinateTransformationFactory();
        var forward = factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, bng).MathTransform;
        var inverse = factory.CreateFromCoordinateSystems(bng, GeographicCoordinateSystem.WGS84).MathTransform;
        return (forward, inverse);
    }

    private sealed class Wgs84Filter : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (lon, lat) = ToWgs84(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, lon);
                seq.SetY(i, lat);
            }
        }
    }
}
