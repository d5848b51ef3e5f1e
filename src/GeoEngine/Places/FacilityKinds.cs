namespace CohesionGeo.GeoEngine.Places;

/// <summary>The service kinds of <c>places.facilities.kind</c> (the CHECK list of migration 0001).</summary>
public static class FacilityKinds
{
    public const string Gp = "gp";
    public const string YouthClub = "youth_club";
    public const string DayCentre = "day_centre";
    public const string Pharmacy = "pharmacy";
    public const string CommunityCentre = "community_centre";
    public const string School = "school";
    public const string PlaceOfWorship = "place_of_worship";
    public const string FoodBank = "food_bank";
    public const string Hospital = "hospital";
    public const string Library = "library";

    /// <summary>Every kind, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Gp, YouthClub, DayCentre, Pharmacy, CommunityCentre, School, PlaceOfWorship, FoodBank, Hospital, Library];

    /// <summary>True when <paramref name="kind"/> is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    /// <summary>A readable label used as the name of an unnamed OSM feature.</summary>
    public static string Label(string kind) => kind switch
    {
        Gp => "GP surgery",
        YouthClub => "Youth club",
        DayCentre => "Day centre",
        Pharmacy => "Pharmacy",
        CommunityCentre => "Community centre",
        School => "School",
        PlaceOfWorship => "Place of worship",
        FoodBank => "Food bank",
        Hospital => "Hospital",
        Library => "Library",
        _ => kind,
    };
}
