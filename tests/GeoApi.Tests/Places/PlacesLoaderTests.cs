using System.Text.Json;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Places;
using CohesionGeo.TestSupport;
using Xunit.Abstractions;

namespace CohesionGeo.GeoApi.Tests.Places;

/// <summary>The places load on the real Newport sample (data/), checked against the raw files.</summary>
public sealed class PlacesLoaderTests(TestDatabase db, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly string Data = Path.Combine(CohesionGeoOptions.FindHome(), "data");

    [Fact]
    public async Task Loads_newport_dedupes_across_sources_and_a_second_load_adds_nothing()
    {
        var first = await PlacesLoader.LoadAsync(db.DataSource, Data, new Progress<double>(), CancellationToken.None);
        output.WriteLine(first.OneLine());
        foreach (var (kind, primary, merged) in first.CrossSourceMerges)
        {
            output.WriteLine($"merged {kind}: {primary} <- {merged}");
        }

        // LSOAs: every Welsh W01 feature of the raw boundary file, with a rural–urban class and a WIMD rank.
        using (var raw = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Data, "lsoa", "lsoa11_boundaries.geojson"))))
        {
            var welsh = raw.RootElement.GetProperty("features").EnumerateArray()
                .Count(f => f.GetProperty("properties").GetProperty("LSOA11CD").GetString()!.StartsWith("W01", StringComparison.Ordinal));
            Assert.Equal(welsh, first.Lsoas);
            Assert.Equal((long)welsh, await db.ScalarAsync<long>("SELECT count(*) FROM places.areas WHERE kind = 'lsoa' AND ruc IS NOT NULL AND wimd_rank IS NOT NULL AND name_cy IS NOT NULL"));
        }

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM places.areas WHERE population IS NOT NULL")); // no population source

        // The NHS list: every geocoded practice is a source; the unmatched ones are reported, not dropped silently.
        Assert.Equal((long)(first.NhsGpPractices - first.UnmatchedGpPostcodes.Count), await db.ScalarAsync<long>("SELECT count(*) FROM places.facility_sources WHERE source = 'nhs_gp'"));

        // Dedupe: the OSM outline of Belle Vue Surgery (way 368815445) and the NHS record of practice W93048 are one facility.
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "SELECT count(DISTINCT facility_id) FROM places.facility_sources WHERE (source, source_ref) IN (('osm', 'way/368815445'), ('nhs_gp', 'W93048'))"));
        Assert.Contains(first.CrossSourceMerges, m => m.Kind == "gp" && m.Primary.StartsWith("nhs_gp:", StringComparison.Ordinal) && m.Merged.Contains("osm:", StringComparison.Ordinal));
        // …and every merge of a postcode-geocoded NHS record with OSM is within the stated tolerances.
        Assert.Equal(0L, await db.ScalarAsync<long>(
            """
            SELECT count(*) FROM places.facility_sources n JOIN places.facility_sources o ON o.facility_id = n.facility_id AND o.source = 'osm'
            WHERE n.source = 'nhs_gp' AND ST_Distance(n.geom, o.geom) > 5000
            """));

        // Dwellings: every OSM one lies in a Welsh LSOA or outside Wales; centroids only where an LSOA has no mapped home.
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM places.dwellings c WHERE c.source = 'lsoa_centroid' AND EXISTS (SELECT 1 FROM places.dwellings d WHERE d.source = 'osm' AND d.area_code = c.area_code)"));
        Assert.True(first.OsmDwellingsAdded > 10_000);
        Assert.True(first.HexCellsAdded > 0);
        foreach (var (kind, n) in first.FacilitiesByKind)
        {
            output.WriteLine($"{kind}: {n}");
        }

        var changes = await db.ScalarAsync<DateTime>("SELECT max(changed_at) FROM places.facility_kind_changes");
        var second = await PlacesLoader.LoadAsync(db.DataSource, Data, new Progress<double>(), CancellationToken.None);
        Assert.Equal(0, second.FacilitiesAdded);
        Assert.Equal(0, second.SourcesAdded);
        Assert.Equal(0, second.OsmDwellingsAdded);
        Assert.Equal(0, second.CentroidDwellingsAdded);
        Assert.Equal(0, second.HexCellsAdded);
        Assert.Equal(changes, await db.ScalarAsync<DateTime>("SELECT max(changed_at) FROM places.facility_kind_changes")); // nothing marked stale
    }
}
