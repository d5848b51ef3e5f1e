using CohesionGeo.GeoEngine.Places;

namespace CohesionGeo.GeoEngine.Tests.Places;

public sealed class FacilityDeduplicatorTests
{
    private static FacilityRecord R(string kind, string name, string source, string sourceRef, double e, double n, bool precise = true, bool named = true, string? code = null) =>
        new(kind, name, null, source, sourceRef, null, null, e, n, precise, named, code);

    [Theory]
    [InlineData("BELLEVUE SURGERY", "Belle Vue Surgery", true)]
    [InlineData("ST. PAUL'S CLINIC", "St Pauls Clinic", true)]
    [InlineData("ST. BRIDES MEDICAL CENTRE", "St. Brides Medical Care Centre", true)]
    [InlineData("Royal Gwent Hospital", "Royal Gwent Hospital", true)]
    [InlineData("THE ROGERSTONE PRACTICE", "Chapelwood Surgery", false)]
    [InlineData("PARK SURGERY", "Beechwood Surgery", false)]
    public void Name_similarity_on_real_name_pairs(string a, string b, bool similar)
    {
        Assert.Equal(similar, FacilityNameSimilarity.AreSimilar(a, b));
    }

    [Fact]
    public void Same_kind_close_and_similar_names_merge_keeping_all_sources()
    {
        var d = new FacilityDeduplicator();
        d.Add(R("gp", "BELLEVUE SURGERY", "nhs_gp", "W93048", 331030, 186980, precise: false, code: "W93048"));
        var (cluster, created) = d.Add(R("gp", "Belle Vue Surgery", "osm", "way/368815445", 331041, 186968));

        Assert.False(created);
        Assert.Single(d.Clusters);
        Assert.Equal(2, cluster.Members.Count);
        var merged = cluster.Merged;
        Assert.Equal("Belle Vue Surgery", merged.Name);   // not the all-capitals one
        Assert.Equal(331041, merged.Easting);              // the building, not the postcode centroid
        Assert.Equal("nhs_gp", merged.Source);             // primary = first (the official list)
    }

    [Fact]
    public void Different_kind_far_away_or_different_name_stay_apart()
    {
        var d = new FacilityDeduplicator();
        d.Add(R("gp", "Gaer Surgery", "osm", "node/1", 0, 0));
        d.Add(R("pharmacy", "Gaer Surgery", "osm", "node/2", 10, 0));       // other kind
        d.Add(R("gp", "Gaer Surgery", "user", "a", 60, 0));                // 60 m > 50 m, both precise
        d.Add(R("gp", "Rogerstone Practice", "user", "b", 5, 0));          // other name
        Assert.Equal(4, d.Clusters.Count);
    }

    [Fact]
    public void Postcode_centroids_get_a_wider_tolerance_but_still_need_the_name()
    {
        var d = new FacilityDeduplicator();
        d.Add(R("gp", "BEECHWOOD SURGERY", "nhs_gp", "W93053", 0, 0, precise: false));
        Assert.False(d.Add(R("gp", "Beechwood Surgery", "osm", "way/1", 150, 0)).Created);
        Assert.True(d.Add(R("gp", "Park Surgery", "osm", "way/2", 100, 0)).Created);
        Assert.True(d.Add(R("gp", "Beechwood Surgery", "user", "x", 0, 250, precise: false)).Created); // beyond 200 m
    }

    [Fact]
    public void A_practice_code_matches_whatever_the_name_and_an_unnamed_node_joins_its_neighbour()
    {
        var d = new FacilityDeduplicator();
        d.Add(R("gp", "ST DAVID'S CLINIC", "nhs_gp", "W93054", 0, 0, precise: false, code: "W93054"));
        Assert.False(d.Add(R("gp", "Gaer Medical Centre", "osm", "node/1", 1200, 0, code: "W93054")).Created);
        Assert.False(d.Add(R("gp", "GP surgery", "osm", "node/2", 1230, 0, named: false)).Created);
        Assert.Single(d.Clusters);
    }

    [Fact]
    public void The_same_source_row_again_joins_its_own_facility()
    {
        var d = new FacilityDeduplicator();
        d.Seed(7, [R("youth_club", "Cefn Wood Youth Centre", "osm", "way/367320463", 0, 0)]);
        var (cluster, created) = d.Add(R("youth_club", "Cefn Wood Youth Centre", "osm", "way/367320463", 0, 0));
        Assert.False(created);
        Assert.Equal(7, cluster.Id);
    }
}
