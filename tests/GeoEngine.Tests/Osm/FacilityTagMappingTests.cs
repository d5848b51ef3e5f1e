using CohesionGeo.GeoEngine.Osm;

namespace CohesionGeo.GeoEngine.Tests.Osm;

/// <summary>Tag sets copied from real features of data/osm/newport-2023-06-13.osm.pbf (ids in the names).</summary>
public sealed class FacilityTagMappingTests
{
    private static Dictionary<string, string> Tags(string text) =>
        text.Split("; ").Select(kv => kv.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [InlineData("node/10294992124 Gaer Medical Centre", "amenity=doctors; healthcare=doctor; name=Gaer Medical Centre; opening_hours=Mo-Fr 08:00-18:30", "gp")]
    [InlineData("node/7868534694 unnamed doctors", "amenity=doctors; healthcare=doctor", "gp")]
    [InlineData("node/10717353751 St. Brides", "amenity=clinic; healthcare=clinic; healthcare:speciality=general; name=St. Brides Medical Care Centre", "gp")]
    [InlineData("node/9249417103 St Pauls Clinic", "amenity=clinic; healthcare=clinic; healthcare:speciality=general; name=St Pauls Clinic", "gp")]
    [InlineData("node/9251123263 YZ Aesthetics", "amenity=clinic; healthcare=doctor; healthcare:speciality=dermatology; name=YZ Aesthetics", null)]
    [InlineData("node/9741154771 Diabetes Centre", "amenity=clinic; healthcare=clinic; healthcare:speciality=diabetes; name=Diabetes Centre", null)]
    [InlineData("way/367320463 Cefn Wood Youth Centre", "amenity=community_centre; building=yes; name=Cefn Wood Youth Centre", "youth_club")]
    [InlineData("synthetic youth centre tag", "amenity=community_centre; community_centre=youth_centre; name=Example", "youth_club")]
    [InlineData("synthetic social facility for youth", "amenity=social_facility; social_facility=outreach; social_facility:for=youth", "youth_club")]
    [InlineData("node/10068809899 Flexible Options", "amenity=social_facility; name=Flexible Options; social_facility=day_care; social_facility:for=disabled", "day_centre")]
    [InlineData("synthetic outreach for seniors", "amenity=social_facility; social_facility=outreach; social_facility:for=senior", "day_centre")]
    [InlineData("synthetic day care for children", "amenity=social_facility; social_facility=day_care; social_facility:for=child", null)]
    [InlineData("node/9740449695 Ashton Park (care home)", "amenity=social_facility; name=Ashton Park Residential Home; social_facility=group_home; social_facility:for=senior", null)]
    [InlineData("node/10937165747 Newport Food Bank", "amenity=social_facility; name=Newport Food Bank; name:cy=Banc Bwyd Casnewydd; social_facility=food_bank; social_facility:for=community", "food_bank")]
    [InlineData("node/10154492490 Feed Newport", "amenity=social_facility; name=Feed Newport Soup Kitchen; social_facility=food_bank; social_facility:for=homeless;refugees;senior;woman", "food_bank")]
    [InlineData("way/40608609 Royal Gwent Hospital", "amenity=hospital; emergency=yes; healthcare=hospital; name=Royal Gwent Hospital; name:cy=Ysbyty Brenhinol Gwent", "hospital")]
    [InlineData("node/571836336 Handpost Pharmacy", "amenity=pharmacy; dispensing=yes; healthcare=pharmacy; name=Handpost Pharmacy", "pharmacy")]
    [InlineData("node/9740449661 Maesglas Community Centre", "amenity=community_centre; community_centre=warm_hub; name=Maesglas Community Centre", "community_centre")]
    [InlineData("node/6363222286 Bupa Dental Care", "amenity=dentist; healthcare=dentist; name=Bupa Dental Care", null)]
    [InlineData("node/1243077938 The Gap Centre (shelter)", "amenity=social_facility; name=The Gap Centre; social_facility=shelter; social_facility:for=homeless", null)]
    [InlineData("synthetic library", "amenity=library; name=Central Library", "library")]
    [InlineData("synthetic school", "amenity=school; name=Example Primary", "school")]
    [InlineData("synthetic church", "amenity=place_of_worship; religion=christian; name=St Example", "place_of_worship")]
    [InlineData("synthetic disused", "disused:amenity=doctors; name=Old Surgery", null)]
    public void Classifies_real_and_synthetic_tag_sets(string feature, string tags, string? kind)
    {
        Assert.True(kind == FacilityTagMapping.Classify(Tags(tags)), $"{feature}: expected {kind ?? "none"}, got {FacilityTagMapping.Classify(Tags(tags)) ?? "none"}");
    }

    [Theory]
    [InlineData("building=house", DwellingTagClass.Residential)]
    [InlineData("building=semidetached_house", DwellingTagClass.Residential)]
    [InlineData("building=terrace", DwellingTagClass.Residential)]
    [InlineData("building=apartments; building:levels=4", DwellingTagClass.Residential)]
    [InlineData("building=yes", DwellingTagClass.YesIfInResidentialLanduse)]
    [InlineData("building=yes; shop=convenience", DwellingTagClass.None)]
    [InlineData("building=retail", DwellingTagClass.None)]
    [InlineData("landuse=residential", DwellingTagClass.None)]
    public void Classifies_buildings(string tags, DwellingTagClass expected)
    {
        Assert.Equal(expected, DwellingTagMapping.Classify(Tags(tags)));
    }
}
