using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace CohesionGeo.GeoEngine.Places;

/// <summary>
/// WGS84 lon/lat (EPSG:4326) to and from British National Grid (EPSG:27700, metres).
/// ProjNET has no EPSG database, so the OSGB36 definition is embedded with its 7-parameter
/// Helmert TOWGS84 shift (the same one PostGIS/PROJ use without the OSTN15 grid): accurate to a
/// few metres, which is well inside every tolerance used here (50 m dedupe, network linking).
/// Thread-safe: each call creates no shared mutable state beyond the immutable transforms.
/// </summary>
public static class BritishNationalGrid
{
    /// <summary>EPSG:27700 as OGC WKT, with TOWGS84.</summary>
    public const string Wkt =
        "PROJCS[\"OSGB 1936 / British National Grid\",GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\"," +
        "SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]]," +
        "TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],AUTHORITY[\"EPSG\",\"6277\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AUTHORITY[\"EPSG\",\"4277\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",49]," +
        "PARAMETER[\"central_meridian\",-2],PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000]," +
        "PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST]," +
        "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

    private static readonly MathTransform ToBng;
    private static readonly MathTransform ToWgs;

    static BritishNationalGrid()
    {
        var bng = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt);
        var factory = new CoordinateTransformationFactory();
        ToBng = factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, bng).MathTransform;
        ToWgs = factory.CreateFromCoordinateSystems(bng, GeographicCoordinateSystem.WGS84).MathTransform;
    }

    /// <summary>WGS84 degrees to EPSG:27700 easting/northing in metres.</summary>
    public static (double Easting, double Northing) FromWgs84(double lon, double lat)
    {
        var (x, y) = ToBng.Transform(lon, lat);
        return (x, y);
    }

    /// <summary>EPSG:27700 metres to WGS84 lon/lat degrees.</summary>
    public static (double Lon, double Lat) ToWgs84(double easting, double northing)
    {
        var (x, y) = ToWgs.Transform(easting, northing);
        return (x, y);
    }

    /// <summary>Projects every coordinate of a WGS84 geometry to EPSG:27700 in place and sets SRID 27700.</summary>
    public static NetTopologySuite.Geometries.Geometry ProjectInPlace(NetTopologySuite.Geometries.Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        geometry.Apply(new ProjectFilter());
        geometry.GeometryChanged();
        geometry.SRID = 27700;
        return geometry;
    }

    private sealed class ProjectFilter : NetTopologySuite.Geometries.ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(NetTopologySuite.Geometries.CoordinateSequence seq, int i)
        {
            var (e, n) = FromWgs84(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, e);
            seq.SetY(i, n);
        }
    }
}
