using CohesionGeo.GeoEngine.Import;

namespace CohesionGeo.GeoEngine.Tests.Import;

public sealed class FacilityFileReaderTests
{
    // Synthetic Code-Point rows (same format as the real files): two postcodes.
    private static readonly CodePointPostcodes Postcodes = CodePointPostcodes.Load(new StringReader(
        "\"NP204EJ\",10,330800,188000,\"W92000004\",\"\",\"\",\"\",\"W06000022\",\"W05000847\"\n" +
        "\"NP4 5AA\",10,329000,200000,\"W92000004\",\"\",\"\",\"\",\"W06000020\",\"W05000800\"\n"));

    [Fact]
    public void Every_bad_row_is_reported_with_line_and_field()
    {
        const string Csv =
            "id,kind,name,capacity,lon,lat,postcode\n" +
            "1,youth_club,Good Club,,-2.99,51.58,\n" +      // line 2: fine
            "2,cinema,Odeon,,-2.99,51.58,\n" +              // line 3: unknown kind
            "3,gp,No Place Surgery,,,,\n" +                 // line 4: missing coordinates
            "4,gp,Lost Surgery,,,,NP99 9ZZ\n" +             // line 5: unknown postcode
            "5,gp,Big Surgery,lots,,,NP20 4EJ\n" +          // line 6: text in a number field
            "1,library,Again,,-2.99,51.58,\n" +             // line 7: duplicate id
            "7,gp,Half,,-2.99,,\n" +                        // line 8: lat missing
            "8,day_centre,\"Day Centre, Pill\",12,,,np4 5aa\n"; // line 9: fine (quoted comma, postcode)

        var result = FacilityFileReader.Parse(Csv, Postcodes);

        Assert.Equal([2, 9], result.Rows.Select(r => r.Line));
        Assert.Contains(result.Errors, e => e is { Line: 3, Field: "kind" } && e.Reason.Contains("cinema", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Line: 4, Field: "lon" } && e.Reason.Contains("missing coordinates", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Line: 5, Field: "postcode" } && e.Reason.Contains("NP99 9ZZ", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Line: 6, Field: "capacity" } && e.Reason.Contains("lots", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Line: 7, Field: "id" } && e.Reason.Contains("line 2", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Line: 8, Field: "lat" });
        Assert.Equal(6, result.Errors.Count);
        var dayCentre = result.Rows[1].Record;
        Assert.Equal("Day Centre, Pill", dayCentre.Name);
        Assert.Equal(12, dayCentre.Capacity);
        Assert.False(dayCentre.PositionPrecise);
        Assert.Equal((329000.0, 200000.0), (dayCentre.Easting, dayCentre.Northing));
    }

    [Fact]
    public void GeoJson_features_are_validated_by_feature_number()
    {
        const string Json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"kind":"gp","name":"A","capacity":5000},"geometry":{"type":"Point","coordinates":[-2.99,51.58]}},
              {"type":"Feature","properties":{"kind":"gp","name":"B","postcode":"NP20 4EJ"},"geometry":null},
              {"type":"Feature","properties":{"kind":"gp"},"geometry":{"type":"Point","coordinates":[-2.99,51.58]}},
              {"type":"Feature","properties":{"kind":"gp","name":"D"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}
            ]}
            """;
        var result = FacilityFileReader.Parse(Json, Postcodes);
        Assert.Equal([1, 2], result.Rows.Select(r => r.Line));
        Assert.Equal(5000, result.Rows[0].Record.Capacity);
        Assert.Contains(result.Errors, e => e is { Line: 3, Field: "name" });
        Assert.Contains(result.Errors, e => e is { Line: 4, Field: "geometry" });
    }

    [Fact]
    public void The_same_row_gets_the_same_reference_each_time()
    {
        const string Csv = "kind,name,lon,lat\ngp,Same Surgery,-2.99,51.58\n";
        var a = FacilityFileReader.Parse(Csv, Postcodes).Rows[0].Record.SourceRef;
        var b = FacilityFileReader.Parse(Csv, Postcodes).Rows[0].Record.SourceRef;
        Assert.Equal(a, b);
        Assert.StartsWith("h:", a, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_kind_is_refused()
    {
        var result = FacilityFileReader.Parse("name,lon,lat\nX,-3,51.5\n", Postcodes);
        Assert.Contains(result.Errors, e => e is { Line: 1, Field: "kind" });
        Assert.Empty(result.Rows);
    }
}
