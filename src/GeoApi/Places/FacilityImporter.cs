using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Places;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Places;

/// <summary>
/// Imports a user's facilities file (CSV or GeoJSON) in one transaction. With any bad row nothing is
/// written unless <c>skipInvalid</c>, which writes the good rows and lists the rest. Rows are
/// deduplicated against stored facilities (same kind, 50 m, similar name → a source of that facility).
/// </summary>
public static class FacilityImporter
{
    private static readonly Lazy<CodePointPostcodes> DefaultPostcodes = new(() =>
    {
        var dir = Path.Combine(Hosting.CohesionGeoOptions.FindHome(), "data", "codepoint");
        return Directory.Exists(dir) ? CodePointPostcodes.LoadDirectory(dir) : CodePointPostcodes.Load(TextReader.Null);
    });

    /// <summary>The Code-Point Open geocoder over <c>data/codepoint</c>, loaded once (empty without the folder: every postcode is then unknown).</summary>
    public static CodePointPostcodes Postcodes => DefaultPostcodes.Value;

    public static async Task<FacilityImportResult> ImportAsync(
        NpgsqlDataSource dataSource, string content, bool skipInvalid, CodePointPostcodes postcodes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var parsed = FacilityFileReader.Parse(content, postcodes);
        var rejectedLines = parsed.Errors.Select(e => e.Line).Distinct().Count();
        if ((parsed.Errors.Count > 0 && !skipInvalid) || parsed.Rows.Count == 0)
        {
            return new FacilityImportResult(parsed.Rows.Count, rejectedLines, false, 0, 0, 0, parsed.Errors);
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var kinds = parsed.Rows.Select(r => r.Record.Kind).Distinct(StringComparer.Ordinal).ToList();
        var dedupe = new FacilityDeduplicator();
        foreach (var (id, members) in await PlacesStore.ReadFacilitiesAsync(conn, tx, kinds, ct))
        {
            dedupe.Seed(id, members);
        }

        var merged = 0;
        foreach (var (_, record) in parsed.Rows)
        {
            var (cluster, created) = dedupe.Add(record);
            if (!created && cluster.Id is not null && !cluster.Members.Take(cluster.Members.Count - 1).Any(m => m.Source == record.Source && m.SourceRef == record.SourceRef))
            {
                merged++;
            }
        }

        var written = await PlacesStore.WriteFacilitiesAsync(conn, tx, dedupe.Clusters, ct);
        await tx.CommitAsync(ct);
        return new FacilityImportResult(parsed.Rows.Count, rejectedLines, true, written.FacilitiesAdded, merged, written.SourcesAdded, parsed.Errors);
    }
}
