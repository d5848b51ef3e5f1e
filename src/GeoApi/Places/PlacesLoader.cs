using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Osm;
using CohesionGeo.GeoEngine.Places;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Places;

/// <summary>
/// Loads the places of <c>data/</c> in one transaction: Welsh LSOAs (names, rural–urban class, WIMD
/// rank), facilities from NHS hospital sites, the NHS Wales GP list (geocoded by Code-Point Open) and
/// OSM (deduplicated, all sources kept), OSM residential buildings as dwellings, the 250 m hex grid
/// over the analysis extent, and LSOA population-weighted centroids for LSOAs of that extent with no
/// mapped home. Safe to run again: nothing already stored is added twice.
/// </summary>
public static class PlacesLoader
{
    /// <summary>The hex size used for accessibility (metres).</summary>
    public const int HexSizeM = 250;

    /// <summary>LSOA name prefix of the sample area, used for the extent when there is no network yet.</summary>
    public const string SampleAreaPrefix = "Newport ";

    public static string OsmFile(string dataDirectory) => Path.Combine(dataDirectory, "osm", "newport-2023-06-13.osm.pbf");

    public static async Task<PlacesLoadSummary> LoadAsync(NpgsqlDataSource dataSource, string dataDirectory, IProgress<double> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(progress);
        var lsoaDir = Path.Combine(dataDirectory, "lsoa");
        var ruc = LsoaFilesReader.ReadRuralUrban(Path.Combine(lsoaDir, "RUC11_LSOA11_EW.csv"));
        var wimd = LsoaFilesReader.ReadWimdRanks(Path.Combine(lsoaDir, "wimd2019_lsoa11_ranks_scores_excl_access.csv"));
        var lsoas = LsoaFilesReader.ReadBoundaries(Path.Combine(lsoaDir, "lsoa11_boundaries.geojson"), code => code.StartsWith("W01", StringComparison.Ordinal))
            .Select(a => a with { Ruc = ruc.GetValueOrDefault(a.Code), WimdRank = wimd.TryGetValue(a.Code, out var r) ? r : null })
            .ToList();
        var centroids = LsoaFilesReader.ReadCentroids(Path.Combine(lsoaDir, "lsoa11_centroids.geojson"));
        progress.Report(0.1);

        var osm = OsmPlacesReader.Read(OsmFile(dataDirectory), new Progress<double>(v => progress.Report(0.1 + (0.4 * v))));
        var hospitals = HospitalSitesReader.Read(Path.Combine(dataDirectory, "hospitals", "nhs_wales_hospital_sites.geojson"));
        var postcodes = CodePointPostcodes.LoadDirectory(Path.Combine(dataDirectory, "codepoint"));
        var practices = NhsGpListReader.Read(Path.Combine(dataDirectory, "gp", "epraccur_2020-05_england_wales.csv"));
        var unmatched = new List<string>();
        var gpRecords = new List<FacilityRecord>();
        foreach (var p in practices)
        {
            if (postcodes.TryLocate(p.Postcode, out var e, out var n))
            {
                gpRecords.Add(new FacilityRecord(FacilityKinds.Gp, p.Name, null, FacilitySources.NhsGp, p.Code, null, null, e, n, PositionPrecise: false, PracticeCode: p.Code));
            }
            else
            {
                unmatched.Add($"{p.Code} {p.Postcode}");
            }
        }

        progress.Report(0.6);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var areaCount = await PlacesStore.UpsertLsoasAsync(conn, tx, lsoas, ct);

        // Priority: NHS hospital sites, NHS GP list (official code), then OSM (names as written locally, building positions).
        var dedupe = new FacilityDeduplicator();
        foreach (var (id, members) in await PlacesStore.ReadFacilitiesAsync(conn, tx, null, ct))
        {
            dedupe.Seed(id, members);
        }

        // Named OSM features first, so that an unnamed node beside a named outline joins the named facility.
        foreach (var record in hospitals.Concat(gpRecords).Concat(osm.Facilities.OrderBy(f => f.Named ? 0 : 1)))
        {
            dedupe.Add(record);
        }

        var written = await PlacesStore.WriteFacilitiesAsync(conn, tx, dedupe.Clusters, ct);
        var merges = dedupe.Clusters
            .Where(c => c.Members.Select(m => m.Source).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(c => (c.Kind, $"{c.Members[0].Source}:{c.Members[0].SourceRef} {c.Members[0].Name}", string.Join("; ", c.Members.Skip(1).Select(m => $"{m.Source}:{m.SourceRef} {m.Name}"))))
            .ToList();
        progress.Report(0.7);

        var osmDwellings = await PlacesStore.InsertDwellingsAsync(conn, tx, osm.Dwellings, ct);
        await PlacesStore.AssignDwellingAreasAsync(conn, tx, ct);
        progress.Report(0.85);

        var hexAdded = 0;
        var centroidDwellings = 0;
        if (await PlacesStore.AnalysisExtentAsync(conn, tx, SampleAreaPrefix, ct) is { } box)
        {
            hexAdded = await PlacesStore.EnsureHexGridAsync(conn, tx, HexSizeM, box, ct);
            var empty = await PlacesStore.LsoasWithoutDwellingsAsync(conn, tx, box, ct);
            var fallback = empty.Where(centroids.ContainsKey)
                .Select(code => new DwellingPoint("lsoa_centroid", code, centroids[code].Easting, centroids[code].Northing, code));
            centroidDwellings = await PlacesStore.InsertDwellingsAsync(conn, tx, fallback, ct);
        }

        var byKind = await PlacesStore.CountFacilitiesByKindAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
        progress.Report(1);
        return new PlacesLoadSummary(osm.Facilities.Count, practices.Count, unmatched, hospitals.Count, written.FacilitiesAdded, written.SourcesAdded, byKind,
            areaCount, hexAdded, osmDwellings, centroidDwellings, merges);
    }
}
