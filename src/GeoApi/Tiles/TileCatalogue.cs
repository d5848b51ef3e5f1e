using System.Collections.Frozen;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Store.Tiles;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// The layer catalogue: every tile layer, in the order a map draws them (bottom first), with titles,
/// zooms, legend, who may see it and the data it depends on. A layer id in a URL only ever selects an
/// entry here (ordinal match); SQL comes from <see cref="TileSources"/>, never from the URL.
/// </summary>
/// <remarks>
/// Accessibility is two layers (LSOA, hex) whose attributes are <c>&lt;kind&gt;_&lt;mode&gt;</c> median minutes:
/// the map picks the attribute to colour by. The isolation index and Gi* hotspots are not tile layers: both
/// are computed per request (a ranking; a statistic over the requested box), so the map draws
/// <c>/api/v1/isolation</c> joined to the <c>areas</c> layer by code, and <c>/api/v1/risk/hotspots</c> as GeoJSON.
/// Tension: aggregated per LSOA and hidden from the viewer entirely (see README, "Vector tiles").
/// </remarks>
public static class TileCatalogue
{
    private const string Osm = "© OpenStreetMap contributors (ODbL)";
    private const string PoliceUk = "Contains public sector information licensed under the Open Government Licence v3.0 (police.uk)";
    private const string Local = "CohesionGeo partnership data (restricted)";

    private static readonly Role[] Everyone = [Role.Viewer, Role.Planner, Role.Doco, Role.CohesionLead];

    // Paul Tol's "muted" qualitative palette: distinguishable with the common colour-vision deficiencies.
    private static readonly string[] Muted = ["#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499", "#DDDDDD"];

    // Viridis, five steps: ordered in lightness, readable in greyscale and with colour-vision deficiencies.
    private static readonly string[] Viridis = ["#440154", "#3B528B", "#21918C", "#5EC962", "#FDE725"];

    public static IReadOnlyList<TileLayer> Layers { get; } =
    [
        new TileLayer
        {
            Id = "areas", Title = new("Neighbourhoods (LSOA)", "Cymdogaethau (AGEHI)"), Geometry = TileGeometry.Polygon,
            MinZoom = 8, MaxZoom = 18, Properties = ["code", "name", "name_cy", "population", "ruc", "wimd_rank"],
            Legend = new("single", null, [new("#777777", new("LSOA boundary", "Ffin AGEHI"))]),
            Variants = [new("all", Everyone, TileSources.Areas)], DependsOn = [TileDataKeys.Areas],
            Attribution = "Contains OS data © Crown copyright and database right; WIMD 2019 (OGL v3.0)",
        },
        new TileLayer
        {
            Id = "roads", Title = new("Roads and paths", "Ffyrdd a llwybrau"), Geometry = TileGeometry.Line,
            MinZoom = 8, MaxZoom = 22, Properties = ["highway", "class", "name", "lit", "footway", "service", "access"],
            Legend = new("categories", "class",
            [
                new("#555555", new("Main road", "Prif ffordd"), "major"),
                new("#888888", new("Local street", "Stryd leol"), "local"),
                new("#AAAAAA", new("Service road or alley", "Ffordd wasanaeth neu lôn gefn"), "service"),
                new("#117733", new("Footpath, cycleway or steps", "Llwybr troed, llwybr beicio neu risiau"), "path"),
            ], new("Major roads from zoom 8, local streets from 12, paths from 14.", "Prif ffyrdd o chwyddo 8, strydoedd lleol o 12, llwybrau o 14.")),
            Variants = [new("all", Everyone, TileSources.Roads)], DependsOn = [TileDataKeys.Network], Attribution = Osm,
        },
        new TileLayer
        {
            Id = "dwellings", Title = new("Dwellings", "Anheddau"), Geometry = TileGeometry.Point,
            MinZoom = 15, MaxZoom = 22, Properties = ["area_code"],
            Legend = new("single", null, [new("#999933", new("Dwelling", "Annedd"))]),
            Variants = [new("all", Everyone, TileSources.Dwellings)], DependsOn = [TileDataKeys.Dwellings], Attribution = Osm,
        },
        new TileLayer
        {
            Id = "facilities", Title = new("Services and facilities", "Gwasanaethau a chyfleusterau"), Geometry = TileGeometry.Point,
            MinZoom = 10, MaxZoom = 22, Properties = ["kind", "name", "name_cy", "opening_hours", "capacity"],
            Legend = new("categories", "kind",
            [
                new(Muted[0], new("GP surgery", "Meddygfa"), "gp"),
                new(Muted[1], new("Youth club", "Clwb ieuenctid"), "youth_club"),
                new(Muted[2], new("Day centre", "Canolfan ddydd"), "day_centre"),
                new(Muted[3], new("Pharmacy", "Fferyllfa"), "pharmacy"),
                new(Muted[4], new("Community centre", "Canolfan gymunedol"), "community_centre"),
                new(Muted[5], new("School", "Ysgol"), "school"),
                new(Muted[6], new("Place of worship", "Addoldy"), "place_of_worship"),
                new(Muted[7], new("Food bank", "Banc bwyd"), "food_bank"),
                new(Muted[8], new("Hospital", "Ysbyty"), "hospital"),
                new(Muted[9], new("Library", "Llyfrgell"), "library"),
            ]),
            Variants = [new("all", Everyone, TileSources.Facilities)], DependsOn = [TileDataKeys.Facilities],
            Attribution = Osm + "; NHS Wales; Contains public sector information licensed under the Open Government Licence v3.0",
        },
        AccessLayer("access_lsoa", new("Travel time to services by neighbourhood", "Amser teithio i wasanaethau fesul cymdogaeth"), 8, 16, TileSources.AccessByLsoa),
        AccessLayer("access_hex", new("Travel time to services per 250 m hexagon", "Amser teithio i wasanaethau fesul hecsagon 250 m"), 11, 18, TileSources.AccessByHex),
        new TileLayer
        {
            Id = "incidents", Title = new("Crime and ASB per 250 m hexagon", "Troseddu ac ymddygiad gwrthgymdeithasol fesul hecsagon 250 m"),
            Geometry = TileGeometry.Polygon, MinZoom = 10, MaxZoom = 18, Properties = ["code", "incidents", "suppressed"],
            Legend = new("graduated", "incidents",
            [
                new("#BBBBBB", new($"Fewer than {TileSources.SmallNumberThreshold} (not shown)", $"Llai na {TileSources.SmallNumberThreshold} (heb eu dangos)"), Value: "suppressed"),
                new(Viridis[0], new("5–9", "5–9"), From: 5, To: 10),
                new(Viridis[1], new("10–19", "10–19"), From: 10, To: 20),
                new(Viridis[2], new("20–49", "20–49"), From: 20, To: 50),
                new(Viridis[3], new("50–99", "50–99"), From: 50, To: 100),
                new(Viridis[4], new("100 or more", "100 neu fwy"), From: 100),
            ], new("police.uk locations are anonymised snap points; counts are all months loaded, or the months chosen with the month range. Viewers see counts of 5 or more only.",
                   "Mae lleoliadau police.uk yn bwyntiau dienw; mae'r cyfrifon ar gyfer pob mis a lwythwyd, neu'r misoedd a ddewiswyd gyda'r ystod fisoedd. Dim ond cyfrifon o 5 neu fwy a welir gan wylwyr.")),
            Variants =
            [
                new("exact", [Role.Planner, Role.Doco, Role.CohesionLead], TileSources.IncidentHexesExact),
                new("suppressed", [Role.Viewer], TileSources.IncidentHexesSuppressed),
            ],
            DependsOn = [TileDataKeys.Incidents, TileDataKeys.Areas], Attribution = PoliceUk,
        },
        new TileLayer
        {
            Id = "incident_points", Title = new("Crime and ASB (points)", "Troseddu ac ymddygiad gwrthgymdeithasol (pwyntiau)"),
            Geometry = TileGeometry.Point, MinZoom = TileSources.IncidentPointsMinZoom, MaxZoom = 22,
            Properties = ["month", "category", "location", "outcome"],
            Legend = new("single", null, [new("#882255", new("Incident (anonymised location)", "Digwyddiad (lleoliad dienw)"))]),
            Variants = [new("full", [Role.Doco], TileSources.IncidentPoints)], DependsOn = [TileDataKeys.Incidents], Attribution = PoliceUk,
        },
        new TileLayer
        {
            Id = "tension", Title = new("Community tension reports by neighbourhood", "Adroddiadau tensiwn cymunedol fesul cymdogaeth"),
            Geometry = TileGeometry.Polygon, MinZoom = 8, MaxZoom = 16,
            Properties = ["code", "name", "reports", "max_level", "latest", "synthetic"],
            Legend = new("graduated", "max_level",
            [
                new("#FEE391", new("Level 1", "Lefel 1"), From: 1, To: 2),
                new("#FEC44F", new("Level 2", "Lefel 2"), From: 2, To: 3),
                new("#FB9A29", new("Level 3", "Lefel 3"), From: 3, To: 4),
                new("#EC7014", new("Level 4", "Lefel 4"), From: 4, To: 5),
                new("#CC4C02", new("Level 5", "Lefel 5"), From: 5, To: 6),
                new("#8C2D04", new("Level 6", "Lefel 6"), From: 6),
            ], new("Reports of the last 365 days per LSOA, or of the months chosen with the month range; no report text, partner or location is sent.",
                   "Adroddiadau'r 365 diwrnod diwethaf fesul AGEHI, neu'r misoedd a ddewiswyd gyda'r ystod fisoedd; nid anfonir testun, partner na lleoliad.")),
            Variants = [new("full", [Role.Planner, Role.CohesionLead], TileSources.TensionByArea)],
            DependsOn = [TileDataKeys.TensionReports, TileDataKeys.Areas], Attribution = Local,
        },
        new TileLayer
        {
            Id = "doco_features", Title = new("Designing Out Crime features", "Nodweddion Dylunio Allan Droseddu"),
            Geometry = TileGeometry.Mixed, MinZoom = 13, MaxZoom = 22, Properties = ["kind", "source", "observed_on"],
            Legend = new("categories", "source",
            [
                new("#DDCC77", new("From OpenStreetMap (unlit path, alley…)", "O OpenStreetMap (llwybr heb olau, lôn gefn…)"), "osm"),
                new("#AA4499", new("Officer observation", "Arsylwad swyddog"), "officer"),
            ]),
            Variants = [new("full", [Role.Doco, Role.Planner], TileSources.DocoFeatures)], DependsOn = [TileDataKeys.DocoFeatures],
            Attribution = Osm + "; " + Local,
        },
        new TileLayer
        {
            Id = "planning_applications", Title = new("Planning applications", "Ceisiadau cynllunio"), Geometry = TileGeometry.Mixed,
            MinZoom = 12, MaxZoom = 22, Properties = ["ref", "name", "status"],
            Legend = new("single", null, [new("#332288", new("Application boundary", "Ffin y cais"))]),
            Variants = [new("full", [Role.Planner, Role.Doco], TileSources.PlanningApplications)], DependsOn = [TileDataKeys.Sites], Attribution = Local,
        },
        new TileLayer
        {
            Id = "sites", Title = new("Dispersal accommodation sites", "Safleoedd llety gwasgaru"), Geometry = TileGeometry.Mixed,
            MinZoom = 10, MaxZoom = 22, Properties = ["ref", "name", "capacity", "status"],
            Legend = new("single", null, [new("#CC6677", new("Dispersal site", "Safle gwasgaru"))]),
            Variants = [new("full", [Role.Planner], TileSources.DispersalSites)], DependsOn = [TileDataKeys.Sites], Attribution = Local,
        },
    ];

    private static TileLayer AccessLayer(string id, LocalizedText title, int minZoom, int maxZoom, GeoEngine.Store.Tiles.TileQuery source) => new()
    {
        Id = id, Title = title, Geometry = TileGeometry.Polygon, MinZoom = minZoom, MaxZoom = maxZoom,
        Properties = ["code", "name", "dwellings", .. TileSources.AccessProperties],
        Legend = new("graduated", "gp_walk",
        [
            new(Viridis[4], new("Under 5 minutes", "Llai na 5 munud"), From: 0, To: 5),
            new(Viridis[3], new("5–10 minutes", "5–10 munud"), From: 5, To: 10),
            new(Viridis[2], new("10–15 minutes", "10–15 munud"), From: 10, To: 15),
            new(Viridis[1], new("15–30 minutes", "15–30 munud"), From: 15, To: 30),
            new(Viridis[0], new("30 minutes or more", "30 munud neu fwy"), From: 30),
        ], new("Median walking time from the area's homes to the nearest GP. Each area also carries the times to every other service by walking, cycling, driving and public transport (attributes such as youth_club_transit); no colour = not reachable.",
               "Amser cerdded canolrif o gartrefi'r ardal i'r feddygfa agosaf. Mae pob ardal hefyd yn cario'r amseroedd i bob gwasanaeth arall drwy gerdded, beicio, gyrru a thrafnidiaeth gyhoeddus (priodweddau fel youth_club_transit); dim lliw = dim modd ei gyrraedd.")),
        Variants = [new("all", Everyone, source)], DependsOn = [TileDataKeys.Access, TileDataKeys.Areas],
        Attribution = Osm + "; CohesionGeo travel-time model",
    };

    private static readonly FrozenDictionary<string, TileLayer> ById = Layers.ToFrozenDictionary(l => l.Id, StringComparer.Ordinal);

    /// <summary>Finds a layer by exact id; anything else (other case, quotes, SQL) is simply not found.</summary>
    public static bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TileLayer? layer)
    {
        if (id is null)
        {
            layer = null;
            return false;
        }

        return ById.TryGetValue(id, out layer);
    }
}
