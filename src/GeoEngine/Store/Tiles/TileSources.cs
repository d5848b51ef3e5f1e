using CohesionGeo.GeoEngine.Places;
namespace CohesionGeo.GeoEngine.Store.Tiles;

/// <summary>
/// The SQL source of every tile layer, built once at start-up from constant identifiers. Tables are
/// EPSG:27700; tiles are EPSG:3857. Which caller gets which source is decided by the catalogue in
/// GeoApi/Tiles; nothing here reads request input.
/// </summary>
public static class TileSources
{
    /// <summary>Aggregated counts below this are suppressed for callers who see aggregates only.</summary>
    public const int SmallNumberThreshold = 5;

    /// <summary>Hex cells the aggregates use: the shared 250 m grid of <c>places.ensure_hex_grid</c>.</summary>
    public const int HexSizeMetres = 250;

    /// <summary>Point incidents are never drawn below this zoom (snapped locations would pile up and mislead).</summary>
    public const int IncidentPointsMinZoom = 14;

    private const string MajorRoads = "'motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link'";
    private const string LocalRoads = "'residential', 'unclassified', 'living_street', 'road'";
    private const string Paths = "'footway', 'path', 'cycleway', 'steps', 'pedestrian', 'bridleway', 'track'";

    /// <summary>
    /// Road and path network with a drawing <c>class</c> (major, local, path, service): major roads from
    /// any zoom, local streets from 12, everything (paths, service roads, alleys) from 14.
    /// </summary>
    public static readonly TileQuery Roads = TileSql.FromRows(
        "roads",
        "SELECT t.id, t.highway, CASE WHEN t.highway IN (" + MajorRoads + ") THEN 'major'"
            + " WHEN t.highway IN (" + LocalRoads + ") THEN 'local'"
            + " WHEN t.highway IN (" + Paths + ") THEN 'path' ELSE 'service' END AS class,"
            + " t.name, t.lit, t.footway, t.service, t.access, t.geom FROM network.edges AS t WHERE " + TileSql.FilterFor("t")
            + " AND ($1 >= 14 OR t.highway IN (" + MajorRoads + ") OR ($1 >= 12 AND t.highway IN (" + LocalRoads + ")))",
        TileGeometry.Line, ["highway", "class", "name", "lit", "footway", "service", "access", "id"], featureId: "id");

    /// <summary>Dwellings (origins for accessibility): points.</summary>
    public static readonly TileQuery Dwellings = TileSql.FromTable(
        "dwellings", "places", "dwellings", TileGeometry.Point, ["area_code"], featureId: "id");

    /// <summary>Facilities by kind.</summary>
    public static readonly TileQuery Facilities = TileSql.FromTable(
        "facilities", "places", "facilities", TileGeometry.Point, ["kind", "name", "name_cy", "opening_hours", "capacity"], featureId: "id");

    /// <summary>LSOA boundaries with WIMD rank and rural-urban class.</summary>
    public static readonly TileQuery Areas = TileSql.FromTable(
        "areas", "places", "areas", TileGeometry.Polygon, ["code", "name", "name_cy", "population", "ruc", "wimd_rank"],
        filter: "t.kind = 'lsoa'");

    /// <summary>police.uk incidents counted per 250 m hex cell (cells with none are not drawn), exact counts.</summary>
    public static readonly TileQuery IncidentHexesExact = IncidentHexes("count(i.id)::integer AS incidents, false AS suppressed");

    /// <summary>
    /// The same cells for aggregate-only callers: a count under <see cref="SmallNumberThreshold"/> is not
    /// sent at all (the attribute is absent) and <c>suppressed</c> is true.
    /// </summary>
    public static readonly TileQuery IncidentHexesSuppressed = IncidentHexes(
        $"CASE WHEN count(i.id) >= {SmallNumberThreshold} THEN count(i.id)::integer END AS incidents, count(i.id) < {SmallNumberThreshold} AS suppressed");

    /// <summary>police.uk incidents as points (their anonymised snap points), from zoom 14 only.</summary>
    public static readonly TileQuery IncidentPoints = IncidentPointRows();

    /// <summary>
    /// Community tension reports of the last 365 days aggregated per LSOA (by area code, or by the
    /// point when no code was given): count, highest level (1–6), latest date, and whether any are synthetic.
    /// No report text, partner or exact location is sent.
    /// </summary>
    /// <remarks>Month-filtered (<see cref="TileQuery.ByMonth"/>): the reports dated in the range instead of the last 365 days.</remarks>
    public static readonly TileQuery TensionByArea = TensionRows(" AND r.reported_on >= current_date - 365")
        .WithByMonth(TensionRows(" AND r.reported_on >= $5 AND r.reported_on < $6"));

    /// <summary>Designing Out Crime features (unlit paths, alleys, officer observations) without the officer's note.</summary>
    public static readonly TileQuery DocoFeatures = TileSql.FromRows(
        "doco_features",
        "SELECT t.id, t.kind, t.source, to_char(t.observed_on, 'YYYY-MM-DD') AS observed_on, t.geom FROM risk.doco_features AS t WHERE "
            + TileSql.FilterFor("t"),
        TileGeometry.Mixed, ["kind", "source", "observed_on", "id"], featureId: "id");

    /// <summary>Dispersal (asylum accommodation) sites: the most sensitive layer.</summary>
    public static readonly TileQuery DispersalSites = TileSql.FromTable(
        "sites", "places", "sites", TileGeometry.Mixed, ["ref", "name", "capacity", "status"], featureId: "id",
        filter: "t.kind = 'dispersal'");

    /// <summary>Planning application boundaries.</summary>
    public static readonly TileQuery PlanningApplications = TileSql.FromTable(
        "planning_applications", "places", "sites", TileGeometry.Mixed, ["ref", "name", "status"], featureId: "id",
        filter: "t.kind = 'planning_application'");

    /// <summary>Travel modes with accessibility rows in <c>access.area_stats</c> (transit once it is computed).</summary>
    public static readonly IReadOnlyList<string> AccessModes = ["walk", "cycle", "drive", "transit"];

    /// <summary>
    /// The attributes of the accessibility layers: <c>&lt;kind&gt;_&lt;mode&gt;</c> = the area's median dwelling
    /// time to the nearest facility of that kind, in minutes (one decimal); absent when not computed or unreachable.
    /// </summary>
    public static readonly IReadOnlyList<string> AccessProperties =
        [.. FacilityKinds.All.SelectMany(kind => AccessModes.Select(mode => kind + "_" + mode))];

    /// <summary>Accessibility per LSOA: median minutes to the nearest facility, per kind and mode, plus dwellings counted.</summary>
    public static readonly TileQuery AccessByLsoa = AccessByArea("access_lsoa", "lsoa");

    /// <summary>Accessibility per 250 m hexagon, as <see cref="AccessByLsoa"/>.</summary>
    public static readonly TileQuery AccessByHex = AccessByArea("access_hex", "hex");

    // One pivot over access.area_stats: kinds and modes are constants (FacilityKinds, AccessModes), never input.
    private static TileQuery AccessByArea(string layerName, string areaKind)
    {
        var pivot = string.Concat(FacilityKinds.All.SelectMany(kind => AccessModes.Select(mode =>
            $" round((max(s.median_s) FILTER (WHERE s.kind = '{kind}' AND s.mode = '{mode}') / 60.0)::numeric, 1)::real AS {kind}_{mode},")));
        var rows = "SELECT a.code, a.name, max(s.dwellings)::integer AS dwellings," + pivot + " a.geom"
            + " FROM places.areas AS a JOIN access.area_stats AS s ON s.area_code = a.code"
            + $" WHERE a.kind = '{areaKind}' AND " + TileSql.FilterFor("a")
            + " GROUP BY a.code, a.name, a.geom";
        return TileSql.FromRows(layerName, rows, TileGeometry.Polygon, ["code", "name", "dwellings", .. AccessProperties]);
    }

    // Incident layers, each with its month-filtered form (TileQuery.ByMonth: $5 first day inclusive, $6 exclusive).
    // For the hex cells the range filters the aggregate, not the join: the join (cells of the tile × their points by
    // the GiST index) stays the plan of the unfiltered layer (a month condition in the join made the generic plan of
    // the prepared statement start from the incidents: 2.5× slower in `bench tiles`). The count in range is taken
    // once per cell (n) and the count columns are computed from it; cells with none in range are left out.
    private static TileQuery IncidentHexes(string countColumns) =>
        TileSql.FromRows("incidents", IncidentHexRows(countColumns), TileGeometry.Polygon, ["code", "incidents", "suppressed"])
            .WithByMonth(TileSql.FromRows("incidents", IncidentHexRowsInRange(countColumns), TileGeometry.Polygon, ["code", "incidents", "suppressed"]));

    private static string IncidentHexRows(string countColumns) =>
        $"SELECT a.code, {countColumns}, a.geom FROM places.areas AS a JOIN risk.incidents AS i ON ST_Intersects(a.geom, i.geom)"
        + $" WHERE a.kind = 'hex' AND a.code LIKE 'H{HexSizeMetres}\\_%' AND " + TileSql.FilterFor("a")
        + " GROUP BY a.code";

    private static string IncidentHexRowsInRange(string countColumns) =>
        $"SELECT c.code, {countColumns.Replace("count(i.id)", "c.n", StringComparison.Ordinal)}, c.geom FROM ("
        + "SELECT a.code, a.geom, count(i.id) FILTER (WHERE i.month >= $5 AND i.month < $6) AS n"
        + " FROM places.areas AS a JOIN risk.incidents AS i ON ST_Intersects(a.geom, i.geom)"
        + $" WHERE a.kind = 'hex' AND a.code LIKE 'H{HexSizeMetres}\\_%' AND " + TileSql.FilterFor("a")
        + " GROUP BY a.code) AS c WHERE c.n > 0";

    private static TileQuery IncidentPointRows()
    {
        return PointRows(string.Empty).WithByMonth(PointRows(" AND t.month >= $5 AND t.month < $6"));

        static TileQuery PointRows(string monthFilter) => TileSql.FromRows(
            "incident_points",
            "SELECT t.id, to_char(t.month, 'YYYY-MM') AS month, t.category, t.location, t.outcome, t.geom FROM risk.incidents AS t WHERE "
                + TileSql.FilterFor("t") + $" AND t.geom IS NOT NULL AND $1 >= {IncidentPointsMinZoom}" + monthFilter,
            TileGeometry.Point, ["month", "category", "location", "outcome", "id"], featureId: "id");
    }

    private static TileQuery TensionRows(string dateFilter) => TileSql.FromRows(
        "tension",
        "SELECT a.code, a.name, count(r.id)::integer AS reports, max(r.level)::integer AS max_level,"
            + " to_char(max(r.reported_on), 'YYYY-MM-DD') AS latest, bool_or(r.synthetic) AS synthetic, a.geom"
            + " FROM places.areas AS a JOIN risk.tension_reports AS r"
            + " ON r.area_code = a.code OR (r.area_code IS NULL AND ST_Intersects(a.geom, r.geom))"
            + " WHERE a.kind = 'lsoa' AND " + TileSql.FilterFor("a") + dateFilter
            + " GROUP BY a.code",
        TileGeometry.Polygon, ["code", "name", "reports", "max_level", "latest", "synthetic"]);
}
