using System.Globalization;
using System.Text;

namespace CohesionGeo.GeoEngine.Store.Tiles;

/// <summary>
/// Builds tile SQL once per layer from constant identifiers, each quoted, never from request input.
/// Every statement filters rows with <see cref="TileFilter"/>, the exact expression of the EPSG:3857
/// expression indexes in migration 0501, and clips with <c>ST_AsMVTGeom</c> (extent 4096, buffer 64).
/// Lines and polygons are simplified to one tile unit at the requested zoom (<c>$4</c>) before clipping.
/// </summary>
public static class TileSql
{
    /// <summary>Tile buffer in tile units (the same on the filter and on the clip).</summary>
    public const int Buffer = 64;

    /// <summary>The tile's bounds in EPSG:3857.</summary>
    public const string Envelope = "ST_TileEnvelope($1, $2, $3)";

    /// <summary>
    /// The row filter: the indexed expression <c>ST_Transform(geom, 3857)</c> against the tile bounds
    /// widened by the buffer. <c>{0}</c> is the table alias.
    /// </summary>
    public const string TileFilter = "ST_Transform({0}.geom, 3857) && ST_TileEnvelope($1, $2, $3, margin => 0.015625)";

    /// <summary>Double-quotes an identifier (doubling embedded quotes), for names from constants.</summary>
    public static string QuoteIdentifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Single-quotes a literal (doubling embedded quotes), for layer names from constants.</summary>
    public static string QuoteLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The tile filter for a table alias.</summary>
    public static string FilterFor(string alias) => string.Format(CultureInfo.InvariantCulture, TileFilter, alias);

    /// <summary>
    /// A layer drawn straight from one table: its rows whose geometry meets the tile, with
    /// <paramref name="properties"/> sent as MVT attributes.
    /// </summary>
    /// <param name="layerName">The MVT layer name.</param>
    /// <param name="schema">Schema (constant).</param>
    /// <param name="table">Table (constant); its geometry column is <c>geom</c> in EPSG:27700.</param>
    /// <param name="geometry">Point layers are not simplified.</param>
    /// <param name="properties">Columns sent (constants).</param>
    /// <param name="featureId">Integer column sent as the MVT feature id, or null.</param>
    /// <param name="filter">Extra constant SQL condition on alias <c>t</c>; may use <c>$1</c> (zoom). Never built from input.</param>
    public static TileQuery FromTable(
        string layerName, string schema, string table, TileGeometry geometry,
        IReadOnlyList<string> properties, string? featureId = null, string? filter = null)
    {
        var rows = new StringBuilder("SELECT ");
        foreach (var p in properties)
        {
            rows.Append("t.").Append(QuoteIdentifier(p)).Append(", ");
        }

        if (featureId is not null)
        {
            rows.Append("t.").Append(QuoteIdentifier(featureId)).Append(", ");
        }

        rows.Append("t.geom FROM ").Append(QuoteIdentifier(schema)).Append('.').Append(QuoteIdentifier(table))
            .Append(" AS t WHERE ").Append(FilterFor("t"));
        if (filter is not null)
        {
            rows.Append(" AND (").Append(filter).Append(')');
        }

        var columns = featureId is null ? properties : [.. properties, featureId];
        return FromRows(layerName, rows.ToString(), geometry, columns, featureId);
    }

    /// <summary>
    /// A layer from a constant row source (a join or aggregate). The row source must already apply
    /// <see cref="FilterFor"/> to its driving table and must expose <c>geom</c> (EPSG:27700) and
    /// <paramref name="columns"/>.
    /// </summary>
    public static TileQuery FromRows(string layerName, string rowSql, TileGeometry geometry, IReadOnlyList<string> columns, string? featureId = null)
    {
        var simplify = geometry != TileGeometry.Point;
        var geom = simplify ? "ST_Simplify(ST_Transform(s.geom, 3857), $4, true)" : "ST_Transform(s.geom, 3857)";
        var sql = new StringBuilder("SELECT ST_AsMVT(q, ").Append(QuoteLiteral(layerName))
            .Append(", ").Append(TileAddress.Extent.ToString(CultureInfo.InvariantCulture)).Append(", 'geom'");
        if (featureId is not null)
        {
            sql.Append(", ").Append(QuoteLiteral(featureId));
        }

        sql.Append(") FROM (SELECT ");
        foreach (var c in columns)
        {
            sql.Append("s.").Append(QuoteIdentifier(c)).Append(", ");
        }

        sql.Append("ST_AsMVTGeom(").Append(geom).Append(", ").Append(Envelope).Append(", ")
            .Append(TileAddress.Extent.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(Buffer.ToString(CultureInfo.InvariantCulture)).Append(", true) AS geom FROM (")
            .Append(rowSql).Append(") AS s) AS q WHERE q.geom IS NOT NULL");
        return new TileQuery(layerName, sql.ToString(), simplify);
    }
}
