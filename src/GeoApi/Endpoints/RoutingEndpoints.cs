using System.Text.Json;
using System.Text.Json.Serialization;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Simplify;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// <c>POST /api/v1/travel-times</c> (origin × destination seconds, null = unreachable) and
/// <c>POST /api/v1/isochrones</c> (GeoJSON polygons per contour) over walk, cycle and drive.
/// Coordinates on the wire are WGS84 lon/lat; routing runs in EPSG:27700 on the in-memory graph.
/// </summary>
public static class RoutingEndpoints
{
    /// <summary>Most origin × destination cells one request may ask for.</summary>
    public const int MaxCells = 10_000;

    /// <summary>Largest isochrone contour, minutes.</summary>
    public const double MaxContourMinutes = 180;

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions GeoJson = CreateGeoJsonOptions();

    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/travel-times", TravelTimesAsync)
            .Accepts<TravelTimesRequest>("application/json")
            .Produces<TravelTimesResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("travel-times")
            .WithSummary("Travel-time matrix in seconds (null = unreachable) by walk, cycle or drive; at most 10,000 cells.");
        routes.MapPost("/api/v1/isochrones", IsochronesAsync)
            .Accepts<IsochroneRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("isochrones")
            .WithSummary("Areas reachable within each contour (minutes) from a point: GeoJSON polygons (WGS84) with area and dwellings inside.");
        return routes;
    }

    private static async Task<IResult> TravelTimesAsync(HttpRequest http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (request, bad) = await ReadAsync<TravelTimesRequest>(http, ct);
        if (bad is not null)
        {
            return bad;
        }

        // --- transit (issue 5): mode "transit" is answered by TransitEndpoints ---
        if (TransitEndpoints.IsTransit(request!.Mode))
        {
            return await TransitEndpoints.TravelTimesAsync(request, dataSource, ct);
        }

        // --- end transit ---
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (mode, modeError) = ParseMode(request!.Mode);
        if (modeError is not null)
        {
            return modeError;
        }

        if (request.Origins is not { Count: > 0 })
        {
            errors["origins"] = ["At least one origin {lon, lat} is required."];
        }

        if (request.Destinations is not { Count: > 0 })
        {
            errors["destinations"] = ["At least one destination {lon, lat} is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "The request has no points to route between.");
        }

        var cells = (long)request.Origins!.Count * request.Destinations!.Count;
        if (cells > MaxCells)
        {
            return TypedResults.Problem(
                detail: $"{request.Origins.Count:N0} origins × {request.Destinations.Count:N0} destinations = {cells:N0} cells; at most {MaxCells:N0} per request. Split the request.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Too many travel-time cells");
        }

        var origins = ValidatePoints("origins", request.Origins, errors);
        var destinations = ValidatePoints("destinations", request.Destinations, errors);
        var settings = ValidateSettings(request.WalkSpeedKmh, request.MaxWalkM, errors, out var maxLink);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "Some fields are not valid.");
        }

        var (context, linked, failure) = await LinkAsync(dataSource, mode, maxLink, [("origins", origins), ("destinations", destinations)], ct);
        if (failure is not null)
        {
            return failure;
        }

        var (linkedOrigins, linkedDestinations) = (linked![0], linked[1]);
        var search = context!.RentSearch();
        try
        {
            var seconds = TravelTimeMatrix.Compute(linkedOrigins, linkedDestinations, settings, search: search);
            var wire = seconds.Select(row => row.Select(t => float.IsFinite(t) ? Math.Round((double)t, 1) : (double?)null).ToArray()).ToArray();
            return TypedResults.Ok(new TravelTimesResponse(wire));
        }
        finally
        {
            context.Return(search);
        }
    }

    private static async Task<IResult> IsochronesAsync(HttpRequest http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (request, bad) = await ReadAsync<IsochroneRequest>(http, ct);
        if (bad is not null)
        {
            return bad;
        }

        // --- transit (issue 5): mode "transit" isochrones are answered by TransitEndpoints ---
        if (TransitEndpoints.IsTransit(request!.Mode))
        {
            return await TransitEndpoints.IsochronesAsync(request, dataSource, ct);
        }

        // --- end transit ---
        var (mode, modeError) = ParseMode(request!.Mode);
        if (modeError is not null)
        {
            return modeError;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var point = ValidatePoints(string.Empty, [new LonLat(request.Lon, request.Lat)], errors);
        var minutes = request.Minutes ?? [5, 10, 15, 20, 30];
        if (minutes.Count is 0 or > 10)
        {
            errors["minutes"] = ["Give 1 to 10 contours in minutes, e.g. [5, 10, 15]."];
        }
        else
        {
            for (var i = 0; i < minutes.Count; i++)
            {
                if (!double.IsFinite(minutes[i]) || minutes[i] <= 0 || minutes[i] > MaxContourMinutes)
                {
                    errors[$"minutes[{i}]"] = [$"Each contour must be more than 0 and at most {MaxContourMinutes:0} minutes; got {minutes[i]}."];
                }
            }
        }

        var settings = ValidateSettings(request.WalkSpeedKmh, request.MaxWalkM, errors, out var maxLink);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "Some fields are not valid.");
        }

        var (context, linked, failure) = await LinkAsync(dataSource, mode, maxLink, [(string.Empty, point)], ct);
        if (failure is not null)
        {
            return failure;
        }

        var origin = linked![0];
        IReadOnlyList<IsochroneContour> contours;
        var search = context!.RentSearch();
        try
        {
            contours = IsochroneBuilder.Build(origin, minutes.Distinct().Select(m => (float)(m * 60)).ToArray(), settings, search);
        }
        finally
        {
            context.Return(search);
        }

        var dwellings = await DwellingCountReader.CountInsideAsync(dataSource, contours.Select(c => c.Geometry).ToArray(), ct);
        var features = contours.Select((c, i) => new IsochroneFeature(
            "Feature",
            BritishNationalGrid.ToWgs84(TopologyPreservingSimplifier.Simplify(c.Geometry, 2.0)),
            new IsochroneProperties(c.Seconds / 60.0, c.Seconds, Math.Round(c.AreaSquareMetres), Math.Round(c.AreaSquareMetres / 1e6, 3), c.ReachedEdges, dwellings?[i], mode.ToWire())))
            .ToArray();
        return TypedResults.Json(new IsochroneCollection("FeatureCollection", features), GeoJson, "application/geo+json");
    }

    private static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest http, CancellationToken ct)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Body, RequestJson, ct);
            return value is null
                ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is JSON null; send an object."] }))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "body"] = [$"Not valid JSON for this request{where}{line}."] },
                detail: "The body could not be read as JSON of the expected shape."));
        }
    }

    private static (TravelMode Mode, IResult? Error) ParseMode(string? mode)
    {
        if (string.Equals(mode?.Trim(), "transit", StringComparison.OrdinalIgnoreCase))
        {
            return (default, TypedResults.Problem(
                detail: "mode 'transit' is not available yet: public-transport times (GTFS timetables, RAPTOR) arrive with the public-transport issue. Use walk, cycle or drive.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Transit routing is not available yet"));
        }

        return TravelModes.TryParse(mode, out var parsed)
            ? (parsed, null)
            : (default, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["mode"] = [mode is null ? "mode is required: walk, cycle or drive." : $"Unknown mode '{mode}': use walk, cycle or drive."] }));
    }

    private static List<(double X, double Y)> ValidatePoints(string field, IReadOnlyList<LonLat?> points, Dictionary<string, string[]> errors)
    {
        var result = new List<(double X, double Y)>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var name = field.Length == 0 ? string.Empty : $"{field}[{i}].";
            var p = points[i];
            if (p is null)
            {
                errors[field.Length == 0 ? "point" : $"{field}[{i}]"] = ["Expected an object {lon, lat}."];
                continue;
            }

            var ok = CheckCoordinate(name + "lon", p.Lon, 180, errors) & CheckCoordinate(name + "lat", p.Lat, 90, errors);
            if (ok)
            {
                result.Add(BritishNationalGrid.FromWgs84(p.Lon!.Value, p.Lat!.Value));
            }
        }

        return result;
    }

    private static bool CheckCoordinate(string field, double? value, double limit, Dictionary<string, string[]> errors)
    {
        if (value is not { } v)
        {
            errors[field] = [$"{field} is required (WGS84 degrees)."];
            return false;
        }

        if (!double.IsFinite(v))
        {
            errors[field] = [$"{field} is {v}, not a number."];
            return false;
        }

        if (Math.Abs(v) > limit)
        {
            errors[field] = [$"{field} is {v}; it must be between -{limit} and {limit} degrees (WGS84)."];
            return false;
        }

        return true;
    }

    private static TravelSettings ValidateSettings(double? walkSpeedKmh, double? maxWalkM, Dictionary<string, string[]> errors, out double maxLink)
    {
        maxLink = maxWalkM ?? PointLinker.DefaultMaxLinkMetres;
        if (!double.IsFinite(maxLink) || maxLink <= 0 || maxLink > 5000)
        {
            errors["max_walk_m"] = [$"max_walk_m is {maxLink}; it must be more than 0 and at most 5000 metres."];
        }

        var speed = walkSpeedKmh ?? TravelProfiles.WalkSpeedKmh;
        if (!double.IsFinite(speed) || speed < 0.5 || speed > 10)
        {
            errors["walk_speed_kmh"] = [$"walk_speed_kmh is {speed}; it must be between 0.5 and 10 km/h."];
            return TravelSettings.Default;
        }

        return new TravelSettings(speed);
    }

    /// <summary>The in-memory network and the point sets linked to it, or the problem to answer with (no network, a point too far).</summary>
    private static async Task<(RoutingContext? Context, LinkedPointSet[]? Linked, IResult? Failure)> LinkAsync(
        NpgsqlDataSource dataSource, TravelMode mode, double maxLink, (string Field, List<(double X, double Y)> Points)[] sets, CancellationToken ct)
    {
        var loaded = await RoutingNetworkProvider.For(dataSource).GetAsync(ct);
        if (loaded is null)
        {
            return (null, null, NoNetwork());
        }

        var context = loaded.Value.Context;
        var linked = new LinkedPointSet[sets.Length];
        for (var i = 0; i < sets.Length; i++)
        {
            try
            {
                linked[i] = context.Link(mode, sets[i].Points, maxLink);
            }
            catch (PointLinkException ex)
            {
                var field = sets[i].Field.Length == 0 ? "point" : $"{sets[i].Field}[{ex.PointIndex}]";
                return (null, null, Unlinkable(field, ex.Message));
            }
        }

        return (context, linked, null);
    }

    private static IResult Unlinkable(string field, string message) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: "A point is too far from the network for this mode.",
            title: "Point outside the network",
            statusCode: StatusCodes.Status422UnprocessableEntity);

    private static IResult NoNetwork() =>
        TypedResults.Problem(
            detail: "The road and path network is not loaded: run ./cohesiongeo import osm FILE.osm.pbf (./cohesiongeo run loads data/'s Newport extract on first start).",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "No network");

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}

/// <summary>A WGS84 point on the wire.</summary>
public sealed record LonLat(double? Lon, double? Lat);

/// <summary>Body of <c>POST /api/v1/travel-times</c>. departure, window_minutes and percentile apply to transit only.</summary>
public sealed record TravelTimesRequest(
    IReadOnlyList<LonLat?>? Origins,
    IReadOnlyList<LonLat?>? Destinations,
    string? Mode,
    string? Departure = null,
    int? WindowMinutes = null,
    int? Percentile = null,
    double? WalkSpeedKmh = null,
    double? MaxWalkM = null);

/// <summary><c>seconds[origin][destination]</c>, null = unreachable.</summary>
public sealed record TravelTimesResponse(double?[][] Seconds);

/// <summary>Body of <c>POST /api/v1/isochrones</c>. departure, window_minutes and percentile apply to transit only.</summary>
public sealed record IsochroneRequest(double? Lon, double? Lat, string? Mode, IReadOnlyList<double>? Minutes = null, double? WalkSpeedKmh = null, double? MaxWalkM = null, string? Departure = null, int? WindowMinutes = null, int? Percentile = null);

/// <summary>GeoJSON FeatureCollection of contours, smallest first.</summary>
public sealed record IsochroneCollection(string Type, IReadOnlyList<IsochroneFeature> Features);

/// <summary>One contour as a GeoJSON Feature (geometry WGS84).</summary>
public sealed record IsochroneFeature(string Type, Geometry Geometry, IsochroneProperties Properties);

/// <summary>Contour properties: limit, area (EPSG:27700 m² and km²), edges reached, dwellings inside (null until dwellings are loaded).</summary>
public sealed record IsochroneProperties(double Minutes, double Seconds, double AreaM2, double AreaKm2, int ReachedEdges, long? Dwellings, string Mode);
