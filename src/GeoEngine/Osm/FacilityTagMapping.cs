using System.Text.RegularExpressions;
using CohesionGeo.GeoEngine.Places;

namespace CohesionGeo.GeoEngine.Osm;

/// <summary>
/// Which OSM features are which service kind. The first rule that matches wins, in this order:
/// <list type="number">
/// <item><c>food_bank</c>: <c>social_facility=food_bank</c>, <c>amenity=food_bank</c>, or a name with "food bank"/"foodbank".</item>
/// <item><c>youth_club</c>: <c>community_centre=youth_centre</c>, <c>amenity=youth_centre</c>, <c>leisure=youth_centre</c>,
/// <c>club=youth</c>, <c>social_facility:for=youth|juvenile</c> (on a social facility), or a community/social centre or club
/// whose name says "youth centre", "youth club" or "youth project".</item>
/// <item><c>day_centre</c>: <c>social_facility=day_care</c> unless it is for children, <c>social_facility=outreach</c> for
/// <c>senior|disabled|mental_health|ill_person</c>, or a social facility or community centre named "day centre".</item>
/// <item><c>hospital</c>: <c>amenity=hospital</c> or <c>healthcare=hospital</c>.</item>
/// <item><c>gp</c>: <c>amenity=doctors</c>; <c>healthcare=doctor</c> without a speciality or with a general one
/// (an aesthetics clinic tagged <c>healthcare=doctor; healthcare:speciality=dermatology</c> is not a GP); or a clinic/health
/// centre (<c>amenity=clinic</c>, <c>healthcare=centre|clinic</c>) with <c>healthcare:speciality=general</c> or named
/// "health centre", "medical centre", "surgery" or "medical practice".</item>
/// <item><c>pharmacy</c>: <c>amenity=pharmacy</c>, <c>healthcare=pharmacy</c>, or <c>shop=chemist</c> with <c>dispensing=yes</c>.</item>
/// <item><c>library</c>: <c>amenity=library</c>.</item>
/// <item><c>school</c>: <c>amenity=school</c>.</item>
/// <item><c>place_of_worship</c>: <c>amenity=place_of_worship</c>.</item>
/// <item><c>community_centre</c>: <c>amenity=community_centre</c> (village halls included), <c>amenity=social_centre</c>.</item>
/// </list>
/// Features with a lifecycle prefix (<c>disused:amenity</c>, <c>was:amenity</c>…) carry no plain
/// <c>amenity</c> and so are not matched. This is the only code that reads facility tags.
/// </summary>
public static partial class FacilityTagMapping
{
    private static readonly HashSet<string> DayCareFor = new(StringComparer.Ordinal)
        { "senior", "disabled", "mental_health", "ill_person", "diseased", "adults" };

    /// <summary>The service kind of a feature with these tags, or null when it is none of them.</summary>
    public static string? Classify(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var amenity = tags.GetValueOrDefault("amenity");
        var healthcare = tags.GetValueOrDefault("healthcare");
        var social = tags.GetValueOrDefault("social_facility");
        var socialFor = tags.GetValueOrDefault("social_facility:for");
        var name = tags.GetValueOrDefault("name") ?? tags.GetValueOrDefault("name:en") ?? string.Empty;
        var isSocial = amenity == "social_facility" || social is not null;
        var isCentre = amenity is "community_centre" or "social_centre" or "social_facility" or "arts_centre" || tags.ContainsKey("club") || tags.GetValueOrDefault("building") == "community_centre";

        if (social == "food_bank" || amenity == "food_bank" || FoodBankName().IsMatch(name))
        {
            return FacilityKinds.FoodBank;
        }

        if (tags.GetValueOrDefault("community_centre") == "youth_centre" || amenity == "youth_centre"
            || tags.GetValueOrDefault("leisure") == "youth_centre" || tags.GetValueOrDefault("club") == "youth"
            || (isSocial && socialFor is "youth" or "juvenile")
            || (isCentre && YouthName().IsMatch(name)))
        {
            return FacilityKinds.YouthClub;
        }

        if ((social == "day_care" && socialFor is not ("child" or "children" or "juvenile"))
            || (social == "outreach" && socialFor is not null && DayCareFor.Contains(socialFor))
            || ((isSocial || amenity == "community_centre") && DayCentreName().IsMatch(name)))
        {
            return FacilityKinds.DayCentre;
        }

        if (amenity == "hospital" || healthcare == "hospital")
        {
            return FacilityKinds.Hospital;
        }

        var speciality = tags.GetValueOrDefault("healthcare:speciality");
        var generalPractice = speciality is not null && GeneralSpeciality().IsMatch(speciality);
        var isClinic = amenity == "clinic" || healthcare is "centre" or "clinic";
        if (amenity == "doctors" || (healthcare == "doctor" && (speciality is null || generalPractice))
            || (isClinic && (generalPractice || GpName().IsMatch(name))))
        {
            return FacilityKinds.Gp;
        }

        if (amenity == "pharmacy" || healthcare == "pharmacy" || (tags.GetValueOrDefault("shop") == "chemist" && tags.GetValueOrDefault("dispensing") == "yes"))
        {
            return FacilityKinds.Pharmacy;
        }

        return amenity switch
        {
            "library" => FacilityKinds.Library,
            "school" => FacilityKinds.School,
            "place_of_worship" => FacilityKinds.PlaceOfWorship,
            "community_centre" or "social_centre" => FacilityKinds.CommunityCentre,
            _ => null,
        };
    }

    [GeneratedRegex(@"\bfood\s?banks?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FoodBankName();

    [GeneratedRegex(@"\byouth\s+(centre|center|club|project|hub|zone)\b|\bcanolfan\s+ieuenctid\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YouthName();

    [GeneratedRegex(@"\bday\s+(centre|center|services?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayCentreName();

    [GeneratedRegex(@"(^|;)\s*(general|family_medicine|general_practice)\s*(;|$)", RegexOptions.CultureInvariant)]
    private static partial Regex GeneralSpeciality();

    [GeneratedRegex(@"\b(health|medical)\s+(centre|center|practice)\b|\bsurgery\b|\bmeddygfa\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GpName();
}
