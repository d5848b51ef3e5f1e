using System.Globalization;
using System.Text.Json;
using CohesionGeo.GeoApi.Transit;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.GeoEngine.Transit;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Simplify;
using Npgsql;
using WireLonLat = CohesionGeo.GeoApi.Endpoints.LonLat;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// Public transport (walk + bus + rail, GTFS timetables, Range RAPTOR over a departure window):
/// <c>mode: "transit"</c> of <c>POST /api/v1/travel-times</c> (called from <see cref="RoutingEndpoints"/>),
/// <c>GET /api/v1/transit/feeds</c> and <c>POST /api/v1/transit/way-home</c>.
/// </summary>
public static class TransitEndpoints
{
    /// <summary>Most origins in one transit request (each is one Range RAPTOR over the window).</summary>
    public const int MaxOrigins = 200;

    /// <summary>Longest departure window, minutes.</summary>
    public const int MaxWindowMinutes = 240;

    private const int DefaultDepartureSeconds = 8 * 3600;

    private static readonly JsonSerializerOptions GeoJson = CreateGeoJsonOptions();

    public static IEndpointRouteBuilder MapTransitEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/transit/feeds", FeedsAsync)
            .Produces<TransitFeedsResponse>()
            .WithName("transit-feeds")
            .WithSummary("Loaded GTFS feeds, the default service date and the dates with service.");
        routes.MapPost("/api/v1/transit/way-home", WayHomeAsync)
            .Accepts<WayHomeRequest>("application/json")
            .Produces<WayHomeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("transit-way-home")
            .WithSummary("For a site and services: outbound (morning window) and return (evening 16:00-19:00) by walk + transit; flagged when the way home is impossible or more than twice the outbound.");
        return routes;
    }

    /// <summary>True when the request asks for <c>mode: "transit"</c>.</summary>
    public static bool IsTransit(string? mode) => string.Equals(mode?.Trim(), "transit", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>POST /api/v1/travel-times</c> with <c>mode: "transit"</c>.</summary>
    public static async Task<IResult> TravelTimesAsync(TravelTimesRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var origins = Points("origins", request.Origins, errors);
        var destinations = Points("destinations", request.Destinations, errors);
        if (origins.Count > MaxOrigins)
        {
            errors["origins"] = [$"{origins.Count} origins; transit allows at most {MaxOrigins} per request."];
        }

        if ((long)origins.Count * destinations.Count > RoutingEndpoints.MaxCells)
        {
            errors["destinations"] = [$"{origins.Count} × {destinations.Count} cells; at most {RoutingEndpoints.MaxCells} per request."];
        }

        var (router, query, feeds, problem) = await PrepareAsync(
            dataSource, request.Departure, request.WindowMinutes, request.Percentile, request.WalkSpeedKmh, request.MaxWalkM, errors, ct, ("origins", origins), ("destinations", destinations));
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var samples = router.Samples(origins, destinations, query.Window);
            var seconds = samples.Select(s => Enumerable.Range(0, s.TargetCount).Select(j => s.Percentile(j, query.Percentile)).ToArray()).ToArray();
            var standard = TravelTimeSamples.StandardPercentiles.ToDictionary(
                p => "p" + p.ToString(CultureInfo.InvariantCulture),
                p => samples.Select(s => Enumerable.Range(0, s.TargetCount).Select(j => s.Percentile(j, p)).ToArray()).ToArray());
            return TypedResults.Ok(new TransitTravelTimesResponse(
                seconds, standard, "transit", query.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), GtfsTime.Format(query.Window.FromSeconds)[..5],
                query.Window.Minutes, query.Percentile, [.. feeds.Select(f => f.Name)], router.WalkLegs.Method));
        }
        catch (PointLinkException ex)
        {
            return Unlinkable(ex);
        }
    }

    /// <summary>
    /// <c>POST /api/v1/isochrones</c> with <c>mode: "transit"</c>: one Range RAPTOR from the point, then one
    /// walk search seeded at every stop reached (see <see cref="TransitIsochrone"/>).
    /// </summary>
    public static async Task<IResult> IsochronesAsync(IsochroneRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Lon is not { } lon || !double.IsFinite(lon) || Math.Abs(lon) > 180)
        {
            errors["lon"] = [$"lon is {request.Lon?.ToString(CultureInfo.InvariantCulture) ?? "missing"}; it must be between -180 and 180 degrees (WGS84)."];
        }

        if (request.Lat is not { } lat || !double.IsFinite(lat) || Math.Abs(lat) > 90)
        {
            errors["lat"] = [$"lat is {request.Lat?.ToString(CultureInfo.InvariantCulture) ?? "missing"}; it must be between -90 and 90 degrees (WGS84)."];
        }

        var minutes = request.Minutes ?? [5, 10, 15, 20, 30];
        if (minutes.Count is 0 or > 10)
        {
            errors["minutes"] = ["Give 1 to 10 contours in minutes, e.g. [5, 10, 15]."];
        }
        else
        {
            for (var i = 0; i < minutes.Count; i++)
            {
                if (!double.IsFinite(minutes[i]) || minutes[i] <= 0 || minutes[i] > RoutingEndpoints.MaxContourMinutes)
                {
                    errors[$"minutes[{i}]"] = [$"Each contour must be more than 0 and at most {RoutingEndpoints.MaxContourMinutes:0} minutes; got {minutes[i]}."];
                }
            }
        }

        var (router, query, feeds, problem) = await PrepareAsync(
            dataSource, request.Departure, request.WindowMinutes, request.Percentile, request.WalkSpeedKmh, request.MaxWalkM, errors, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (router.WalkLegs is not StreetWalkLegs)
        {
            return TypedResults.Problem(
                detail: "Transit isochrones walk on the street network, which is not loaded: run ./cohesiongeo import osm FILE.osm.pbf.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No network");
        }

        TransitIsochroneResult result;
        try
        {
            result = TransitIsochrone.Build(router, new GeoEngine.Transit.LonLat(request.Lon!.Value, request.Lat!.Value), query.Window, query.Percentile, [.. minutes.Distinct().Select(m => (float)(m * 60))]);
        }
        catch (PointLinkException ex)
        {
            return Unlinkable(ex);
        }

        var contours = result.Contours;
        var dwellings = await DwellingCountReader.CountInsideAsync(dataSource, [.. contours.Select(c => c.Geometry)], ct);
        var features = contours.Select((c, i) => new IsochroneFeature(
            "Feature",
            BritishNationalGrid.ToWgs84(TopologyPreservingSimplifier.Simplify(c.Geometry, 2.0)),
            new IsochroneProperties(c.Seconds / 60.0, c.Seconds, Math.Round(c.AreaSquareMetres), Math.Round(c.AreaSquareMetres / 1e6, 3), c.ReachedEdges, dwellings?[i], "transit")))
            .ToArray();
        return TypedResults.Json(
            new TransitIsochroneCollection(
                "FeatureCollection", features, "transit", query.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), GtfsTime.Format(query.Window.FromSeconds)[..5],
                query.Window.Minutes, query.Percentile, result.StopsReached, result.StopsLinked, [.. feeds.Select(f => f.Name)], router.WalkLegs.Method),
            GeoJson,
            "application/geo+json");
    }

    private static async Task<IResult> FeedsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var list = await TransitStore.ListAsync(dataSource, ct);
        var (feeds, defaultDate) = await TransitRouterProvider.For(dataSource).FeedsAsync(ct);
        var dates = feeds.SelectMany(f => new ServiceCalendar(f).DatesWithService()).Distinct().Order().ToList();
        return TypedResults.Ok(new TransitFeedsResponse(
            [.. list.Select(f => new TransitFeedDto(f.Name, f.FileName, f.InDefault, f.FirstDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.LastDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.Stops, f.Trips, f.StopTimes))],
            defaultDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            NoServiceException.Ranges(dates, int.MaxValue)));
    }

    private static async Task<IResult> WayHomeAsync(WayHomeRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var site = Points("site", request.Site is null ? null : [request.Site], errors);
        var services = Points("services", request.Services, errors);
        if (services.Count > MaxOrigins)
        {
            errors["services"] = [$"At most {MaxOrigins} services per request."];
        }

        var (router, query, _, problem) = await PrepareAsync(
            dataSource, request.Departure, request.WindowMinutes, request.Percentile, request.WalkSpeedKmh, request.MaxWalkM, errors, ct, ("site", site), ("services", services));
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var evening = TransitWindow.Evening with { Walk = query.Window.Walk };
            var outbound = router.Samples(site, services, query.Window)[0];
            var back = router.Samples(services, site, evening);
            var results = services.Select((_, j) =>
            {
                var r = WayHome.Classify(outbound.Percentile(j, query.Percentile), back[j].Percentile(0, query.Percentile));
                return new WayHomeDto(r.OutboundSeconds, r.ReturnSeconds, r.Flagged, r.Reason);
            }).ToArray();
            return TypedResults.Ok(new WayHomeResponse(results, query.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                GtfsTime.Format(query.Window.FromSeconds)[..5], query.Window.Minutes, "16:00", evening.Minutes, query.Percentile, router.WalkLegs.Method));
        }
        catch (PointLinkException ex)
        {
            return Unlinkable(ex);
        }
    }

    /// <summary>
    /// The router, morning window and percentile that <c>mode: "transit"</c> of <c>/api/v1/travel-times</c> and
    /// <c>/api/v1/transit/way-home</c> use for <paramref name="departure"/> with the default walk, window and percentile
    /// (the site dossier's way-home check); a problem when there is no timetable or no service that day.
    /// </summary>
    internal static async Task<(TransitRouter? Router, TransitWindow? Window, int Percentile, IResult? Problem)> DefaultQueryAsync(NpgsqlDataSource dataSource, string? departure, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (router, query, _, problem) = await PrepareAsync(dataSource, departure, null, null, null, null, errors, ct);
        return problem is null ? (router, query.Window, query.Percentile, null) : (null, null, 0, problem);
    }

    private sealed record TransitQuery(DateOnly Date, TransitWindow Window, int Percentile);

    /// <summary>Validates the shared fields, finds the router for the date and checks every point can be walked from; a problem otherwise.</summary>
    private static async Task<(TransitRouter Router, TransitQuery Query, IReadOnlyList<GtfsFeed> Feeds, IResult? Problem)> PrepareAsync(
        NpgsqlDataSource dataSource, string? departure, int? windowMinutes, int? percentile, double? walkSpeedKmh, double? maxWalkM,
        Dictionary<string, string[]> errors, CancellationToken ct, params (string Field, List<GeoEngine.Transit.LonLat> Points)[] sets)
    {
        var (feeds, defaultDate) = await TransitRouterProvider.For(dataSource).FeedsAsync(ct);
        var query = Query(departure, windowMinutes, percentile, walkSpeedKmh, maxWalkM, defaultDate, errors);
        if (errors.Count > 0)
        {
            return (null!, null!, feeds, TypedResults.ValidationProblem(errors, detail: "Some fields are not valid."));
        }

        if (feeds.Count == 0 || query is null)
        {
            return (null!, null!, feeds, NoTimetable());
        }

        var (router, problem) = await RouterAsync(dataSource, query.Date, ct);
        if (router is null)
        {
            return (null!, null!, feeds, problem);
        }

        return (router, query, feeds, Unlinkable(router, query.Window.Walk, sets));
    }

    private static TransitQuery? Query(string? departure, int? windowMinutes, int? percentile, double? walkSpeedKmh, double? maxWalkM, DateOnly? defaultDate, Dictionary<string, string[]> errors)
    {
        DateOnly? date = defaultDate;
        var from = DefaultDepartureSeconds;
        if (!string.IsNullOrWhiteSpace(departure))
        {
            var text = departure.Trim();
            if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
            {
                date = DateOnly.FromDateTime(dt);
                from = (int)dt.TimeOfDay.TotalSeconds;
            }
            else if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                date = d;
            }
            else if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                from = (int)t.ToTimeSpan().TotalSeconds;
            }
            else
            {
                errors["departure"] = [$"departure '{text}' is not understood: use 'YYYY-MM-DDTHH:MM' (local time), 'YYYY-MM-DD' (08:00) or 'HH:MM' (on the default date)."];
            }
        }

        var minutes = windowMinutes ?? 120;
        if (minutes is < 1 or > MaxWindowMinutes)
        {
            errors["window_minutes"] = [$"window_minutes is {minutes}; it must be 1 to {MaxWindowMinutes}."];
        }

        var p = percentile ?? 50;
        if (p is < 1 or > 99)
        {
            errors["percentile"] = [$"percentile is {p}; it must be 1 to 99 (5, 25, 50, 75 and 95 are the usual ones)."];
        }

        var speed = walkSpeedKmh ?? 4.8;
        if (!double.IsFinite(speed) || speed < 0.5 || speed > 10)
        {
            errors["walk_speed_kmh"] = [$"walk_speed_kmh is {speed}; it must be between 0.5 and 10 km/h."];
        }

        var maxWalk = maxWalkM ?? 1500;
        if (!double.IsFinite(maxWalk) || maxWalk <= 0 || maxWalk > 5000)
        {
            errors["max_walk_m"] = [$"max_walk_m is {maxWalk}; it must be more than 0 and at most 5000 metres."];
        }

        return date is { } day && errors.Count == 0
            ? new TransitQuery(day, new TransitWindow(from, minutes, new WalkSettings(speed, maxWalk)), p)
            : null;
    }

    private static async Task<(TransitRouter? Router, IResult? Problem)> RouterAsync(NpgsqlDataSource dataSource, DateOnly date, CancellationToken ct)
    {
        try
        {
            var router = await TransitRouterProvider.For(dataSource).RouterAsync(date, ct);
            return router is null ? (null, NoTimetable()) : (router, null);
        }
        catch (NoServiceException ex)
        {
            return (null, Results.ValidationProblem(
                new Dictionary<string, string[]> { ["departure"] = [ex.Message] },
                detail: ex.Message, title: "No service on that date", statusCode: StatusCodes.Status422UnprocessableEntity));
        }
    }

    private static List<GeoEngine.Transit.LonLat> Points(string field, IReadOnlyList<WireLonLat?>? points, Dictionary<string, string[]> errors)
    {
        var result = new List<GeoEngine.Transit.LonLat>();
        if (points is not { Count: > 0 })
        {
            errors[field] = [$"At least one {field} point {{lon, lat}} is required."];
            return result;
        }

        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var name = points.Count == 1 && field == "site" ? field : $"{field}[{i}]";
            if (p?.Lon is not { } lon || p.Lat is not { } lat || !double.IsFinite(lon) || !double.IsFinite(lat) || Math.Abs(lon) > 180 || Math.Abs(lat) > 90)
            {
                errors[name] = [$"{name} needs lon (-180..180) and lat (-90..90) in WGS84 degrees."];
                continue;
            }

            result.Add(new GeoEngine.Transit.LonLat(lon, lat));
        }

        return result;
    }

    private static IResult NoTimetable() =>
        TypedResults.Problem(
            detail: "No public-transport timetable (GTFS) is loaded: run ./cohesiongeo import gtfs FILE.zip (./cohesiongeo run loads data/gtfs on first start).",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "No timetable");

    /// <summary>Points the walk legs cannot join to the street network, as field-level errors (null when all can).</summary>
    private static IResult? Unlinkable(TransitRouter router, WalkSettings walk, params (string Field, List<GeoEngine.Transit.LonLat> Points)[] sets)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, points) in sets)
        {
            for (var i = 0; i < points.Count; i++)
            {
                try
                {
                    router.WalkLegs.EgressLegs(points[i], walk);
                }
                catch (PointLinkException ex)
                {
                    errors[field == "site" ? field : $"{field}[{i}]"] = [ex.Message];
                }
            }
        }

        return errors.Count == 0
            ? null
            : Results.ValidationProblem(errors, detail: "A point is too far from the walking network.", title: "Point outside the network", statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    private static IResult Unlinkable(PointLinkException ex) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { ["point"] = [ex.Message] },
            detail: "A point is too far from the walking network.",
            title: "Point outside the network",
            statusCode: StatusCodes.Status422UnprocessableEntity);
}

/// <summary>
/// Transit answer of <c>POST /api/v1/travel-times</c>: <c>seconds[origin][destination]</c> at the requested
/// percentile (null = no journey), the same at p5, p25, p50, p75 and p95, and what was used.
/// </summary>
public sealed record TransitTravelTimesResponse(int?[][] Seconds, IReadOnlyDictionary<string, int?[][]> Percentiles, string Mode, string Date, string Departure, int WindowMinutes, int Percentile, IReadOnlyList<string> Feeds, string WalkMethod);

/// <summary>A loaded feed.</summary>
public sealed record TransitFeedDto(string Name, string FileName, bool InDefault, string? FirstDate, string? LastDate, long Stops, long Trips, long StopTimes);

/// <summary><c>GET /api/v1/transit/feeds</c>.</summary>
public sealed record TransitFeedsResponse(IReadOnlyList<TransitFeedDto> Feeds, string? DefaultDate, string DatesWithService);

/// <summary>Body of <c>POST /api/v1/transit/way-home</c>.</summary>
public sealed record WayHomeRequest(WireLonLat? Site, IReadOnlyList<WireLonLat?>? Services, string? Departure = null, int? WindowMinutes = null, int? Percentile = null, double? WalkSpeedKmh = null, double? MaxWalkM = null);

/// <summary>One service's way-home result.</summary>
public sealed record WayHomeDto(int? OutboundSeconds, int? ReturnSeconds, bool Flagged, string Reason);

/// <summary><c>POST /api/v1/transit/way-home</c>: one result per service, in order.</summary>
public sealed record WayHomeResponse(IReadOnlyList<WayHomeDto> Services, string Date, string Departure, int WindowMinutes, string EveningFrom, int EveningMinutes, int Percentile, string WalkMethod);

/// <summary>
/// Transit answer of <c>POST /api/v1/isochrones</c>: a GeoJSON FeatureCollection (WGS84) of contours, smallest
/// first, with what was used as foreign members (date, window, percentile, stops that seeded the walk search).
/// </summary>
public sealed record TransitIsochroneCollection(
    string Type, IReadOnlyList<IsochroneFeature> Features, string Mode, string Date, string Departure, int WindowMinutes, int Percentile,
    int StopsReached, int StopsLinked, IReadOnlyList<string> Feeds, string WalkMethod);
