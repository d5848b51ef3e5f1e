using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Risk;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// Risk overlays: police.uk import, hotspots, the community tension register and Designing Out Crime
/// observations. Who may do what is stated on each route (see README, "Risk overlays").
/// </summary>
public static class RiskEndpoints
{
    /// <summary>Largest police.uk upload accepted over HTTP (bytes); the CLI has no limit.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapRiskEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/imports/police-uk", ImportPoliceUkAsync)
            .RequireRoles(Role.CohesionLead, Role.Doco)
            .WithName("import-police-uk")
            .WithSummary("Import one police.uk street-level CSV (request body, text/csv). Whole file or nothing; ?partial=true keeps the valid rows.");
        routes.MapGet("/api/v1/risk/hotspots", GetHotspotsAsync)
            .WithName("risk-hotspots")
            .WithSummary("Getis–Ord Gi* on 250 m hex cells with Benjamini–Hochberg FDR: GeoJSON cells with z, p, adjusted p and hot/cold class. Counts 1–4 are withheld from viewers.");
        routes.MapGet("/api/v1/risk/areas", GetAreasAsync)
            .WithName("risk-areas")
            .WithSummary("police.uk counts per LSOA and month, rate per 1,000 residents where the population is loaded, trend (last 3 months against the 9 before). Counts 1–4 withheld from viewers.");
        routes.MapGet("/api/v1/risk/density", GetDensityAsync)
            .WithName("risk-density")
            .WithSummary("Kernel density (quartic kernel) of asb, crime or tension points on a regular EPSG:27700 grid, points per km².");
        routes.MapTensionRegister();
        routes.MapDocoData();
        return routes;
    }

    private static async Task<Results<Ok<AreaSummaryResponse>, ValidationProblem>> GetAreasAsync(
        HttpContext http, NpgsqlDataSource dataSource, string? source, string? from, string? to, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kind = (source ?? "asb") switch
        {
            "asb" => RiskSource.Asb,
            "crime" => RiskSource.Crime,
            _ => (RiskSource?)null,
        };
        if (kind is null)
        {
            errors["source"] = [$"'{source}' is not a source for area summaries; use asb or crime (tension: /api/v1/risk/tension-index)."];
        }

        var fromMonth = RiskQuery.ParseMonth(from, "from", errors);
        var toMonth = RiskQuery.ParseMonth(to, "to", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var end = toMonth ?? await RiskReader.LatestIncidentMonthAsync(dataSource, ct) ?? new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        var start = fromMonth ?? end.AddMonths(-11);
        var monthCount = ((end.Year - start.Year) * 12) + end.Month - start.Month + 1;
        if (monthCount is < 1 or > 120)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from must be before to, at most 120 months apart."] });
        }

        var counts = await RiskReader.CountPerAreaMonthAsync(dataSource, kind!.Value, start, end, ct);
        var viewer = !Caller.From(http.User).HasAnyRole(Role.Planner, Role.Doco, Role.CohesionLead);
        var areas = new List<AreaSummary>();
        var monthly = new long[monthCount];
        var i = 0;
        while (i < counts.Codes.Length)
        {
            Array.Clear(monthly);
            var j = i;
            while (j < counts.Codes.Length && counts.Codes[j] == counts.Codes[i])
            {
                monthly[((counts.Months[j].Year - start.Year) * 12) + counts.Months[j].Month - start.Month] = counts.Counts[j];
                j++;
            }

            var total = monthly.Sum();
            var trend = monthCount == Trend.RecentMonths + Trend.BaselineMonths ? Trend.Of(monthly) : null;
            var hideTotal = viewer && SmallNumbers.IsWithheld(total);
            var hideTrend = trend is null || (viewer && (SmallNumbers.IsWithheld(trend.Recent) || SmallNumbers.IsWithheld(trend.Baseline)));
            areas.Add(new AreaSummary(
                counts.Codes[i], counts.Names[i], counts.Population[i],
                hideTotal ? null : total, hideTotal ? SmallNumbers.WithheldText : null,
                hideTotal ? null : AreaRates.Per1000(total, counts.Population[i]),
                monthly.Select(m => viewer ? SmallNumbers.Shown(m) : m).ToArray(),
                hideTrend ? null : trend!.Ratio));
            i = j;
        }

        return TypedResults.Ok(new AreaSummaryResponse(
            source ?? "asb",
            Enumerable.Range(0, monthCount).Select(m => start.AddMonths(m).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            "rate_per_1000 = total x 1000 / LSOA population (null when the population is not loaded); trend_ratio = monthly mean of the last 3 months / monthly mean of the 9 before (only for a 12-month range).",
            RiskQuery.Caveat,
            areas.OrderByDescending(a => a.Total ?? 0).ToList()));
    }

    private static async Task<Results<Ok<DensityResponse>, ValidationProblem, ProblemHttpResult>> GetDensityAsync(
        HttpContext http, NpgsqlDataSource dataSource, string? source, string? from, string? to, string? bbox, double? bandwidth_m, double? cell_m, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RiskSource? kind = (source ?? "asb") switch
        {
            "asb" => RiskSource.Asb,
            "crime" => RiskSource.Crime,
            "tension" => RiskSource.Tension,
            _ => null,
        };
        if (kind is null)
        {
            errors["source"] = [$"'{source}' is not a source; use asb, crime or tension."];
        }

        var fromMonth = RiskQuery.ParseMonth(from, "from", errors);
        var toMonth = RiskQuery.ParseMonth(to, "to", errors);
        var box = RiskQuery.ParseBox(bbox, errors);
        var bandwidth = bandwidth_m ?? 400;
        var cell = cell_m ?? 100;
        if (bandwidth is < 200 or > 5000)
        {
            errors["bandwidth_m"] = ["bandwidth_m must be from 200 to 5000 metres (well above police.uk's snapping)."];
        }

        if (cell is < 25 or > 1000)
        {
            errors["cell_m"] = ["cell_m must be from 25 to 1000 metres."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (kind == RiskSource.Tension && TensionRefusal(http) is { } refused)
        {
            return refused;
        }

        var end = toMonth ?? await RiskReader.LatestIncidentMonthAsync(dataSource, ct) ?? new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        var start = fromMonth ?? end.AddMonths(-11);
        if (await RiskReader.ExtentAsync(dataSource, box, ct) is not { } e)
        {
            return TypedResults.Problem(title: "No study area", detail: "There is no network, no located incident and no bbox to make a surface over.", statusCode: StatusCodes.Status404NotFound);
        }

        var originX = Math.Floor(e.MinX / cell) * cell;
        var originY = Math.Floor(e.MinY / cell) * cell;
        var cols = (int)Math.Ceiling((e.MaxX - originX) / cell);
        var rows = (int)Math.Ceiling((e.MaxY - originY) / cell);
        if ((long)cols * rows > 1_000_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cell_m"] = [$"the grid would have {(long)cols * rows} cells (at most 1,000,000): use a larger cell_m or a smaller bbox."] });
        }

        // Points up to one bandwidth outside the grid still add density inside it.
        var (x, y) = await RiskReader.PointsAsync(dataSource, kind!.Value, start, end, (originX - bandwidth, originY - bandwidth, originX + (cols * cell) + bandwidth, originY + (rows * cell) + bandwidth), ct);
        var values = KernelDensity.Surface(x, y, bandwidth, originX, originY, cell, cols, rows);
        return TypedResults.Ok(new DensityResponse(
            source ?? "asb", start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), end.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            "EPSG:27700", originX, originY, cell, cols, rows, bandwidth, x.Length, "points per km², cell centres, row-major from the south-west corner (row 0 southernmost)",
            RiskQuery.Caveat, values));
    }

    /// <summary>
    /// Tension maps (hotspots, density) are built from raw reports, which are restricted: with few reports a
    /// cell's z-score or a density bump points at one report. Viewers get the tension index per area instead.
    /// </summary>
    private static ProblemHttpResult? TensionRefusal(HttpContext http)
    {
        var caller = Caller.From(http.User);
        if (caller.HasAnyRole(Role.Planner, Role.Doco, Role.CohesionLead))
        {
            return null;
        }

        return caller.IsAnonymous
            ? TypedResults.Problem(title: "Sign-in needed", detail: "Tension maps need a valid token; viewers can use /api/v1/risk/tension-index.", statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.Problem(title: "Not allowed for your role", detail: "Tension maps are not served to viewers; use /api/v1/risk/tension-index.", statusCode: StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<HotspotResponse>, ValidationProblem, ProblemHttpResult>> GetHotspotsAsync(
        HttpContext http, NpgsqlDataSource dataSource, string? source, string? from, string? to, string? bbox, double? band_m, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RiskSource kind = RiskSource.Asb;
        switch (source ?? "asb")
        {
            case "asb": kind = RiskSource.Asb; break;
            case "crime": kind = RiskSource.Crime; break;
            case "tension": kind = RiskSource.Tension; break;
            default: errors["source"] = [$"'{source}' is not a source; use asb, crime or tension."]; break;
        }

        var fromMonth = RiskQuery.ParseMonth(from, "from", errors);
        var toMonth = RiskQuery.ParseMonth(to, "to", errors);
        var box = RiskQuery.ParseBox(bbox, errors);
        var band = band_m ?? HotspotAnalysis.DefaultBandMetres;
        if (band is < 300 or > 3000)
        {
            errors["band_m"] = ["band_m must be between 300 and 3000 metres."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (kind == RiskSource.Tension && TensionRefusal(http) is { } refused)
        {
            return refused;
        }

        var latest = await RiskReader.LatestIncidentMonthAsync(dataSource, ct) ?? new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        var end = toMonth ?? latest;
        var start = fromMonth ?? end.AddMonths(-11);
        if (start > end)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from must not be after to."] });
        }

        var extent = await RiskReader.ExtentAsync(dataSource, box, ct);
        if (extent is not { } e)
        {
            return TypedResults.Problem(title: "No study area", detail: "There is no network, no located incident and no bbox to make hex cells over.", statusCode: StatusCodes.Status404NotFound);
        }

        if ((e.MaxX - e.MinX) * (e.MaxY - e.MinY) > RiskQuery.MaxExtentSquareMetres)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["bbox"] = ["the area is larger than 2,500 km²; ask for a smaller bbox."] });
        }

        var cells = await RiskReader.CountPerHexAsync(dataSource, kind, start, end, e, ct);
        var result = HotspotAnalysis.Run(cells.X, cells.Y, cells.Counts, band);
        var viewer = !Caller.From(http.User).HasAnyRole(Role.Planner, Role.Doco, Role.CohesionLead);
        var features = new List<HotspotFeature>(cells.Codes.Length);
        for (var i = 0; i < cells.Codes.Length; i++)
        {
            var count = (long)cells.Counts[i];
            var withheld = viewer && SmallNumbers.IsWithheld(count);
            features.Add(new HotspotFeature(
                "Feature",
                System.Text.Json.Nodes.JsonNode.Parse(cells.GeoJson[i])!,
                new HotspotProperties(cells.Codes[i], withheld ? null : count, withheld ? SmallNumbers.WithheldText : null,
                    result.Z[i], result.P[i], result.AdjustedP[i], result.Class[i], HotspotClass.Name(result.Class[i]))));
        }

        return TypedResults.Ok(new HotspotResponse(
            "FeatureCollection", source ?? "asb", start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), end.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            RiskReader.HexSizeMetres, band, RiskQuery.Method(band), RiskQuery.Caveat, features));
    }

    private static async Task<Results<Ok<PoliceUkImportResponse>, ProblemHttpResult>> ImportPoliceUkAsync(
        HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, bool? partial, string? name, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxUploadBytes;
        }

        var caller = Caller.From(http.User);
        var fileName = string.IsNullOrWhiteSpace(name) ? "upload.csv" : Path.GetFileName(name);
        // The CSV reader is synchronous: spool the body to a temporary file (never to memory) first.
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await http.Request.Body.CopyToAsync(spool, ct);
        spool.Position = 0;
        using var text = PoliceUkCsvReader.OpenText(spool);
        var reader = new PoliceUkCsvReader(text);
        var result = await IncidentStore.ImportPoliceUkAsync(dataSource, fileName, reader, partial == true, null, ct);
        await audit.WriteAsync(caller, "import", "incidents/police-uk",
            new { file = fileName, result.Committed, result.Accepted, result.Rejected, already_present = result.AlreadyPresent }, ct);
        var response = PoliceUkImportResponse.From(result);
        if (!result.Committed)
        {
            return TypedResults.Problem(
                title: "File rejected",
                detail: $"{result.Rejected} row(s) have errors; nothing was written. Fix them, or send ?partial=true to keep the valid rows.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["accepted"] = 0L,
                    ["rejected"] = result.Rejected,
                    ["errors"] = response.Errors,
                });
        }

        return TypedResults.Ok(response);
    }
}

/// <summary>Body of a police.uk import answer.</summary>
public sealed record PoliceUkImportResponse(long Accepted, long Rejected, long AlreadyPresent, long WithoutLocation, IReadOnlyList<ImportErrorDto> Errors)
{
    public static PoliceUkImportResponse From(ImportResult r) =>
        new(r.Accepted, r.Rejected, r.AlreadyPresent, r.WithoutLocation, r.Errors.Select(e => new ImportErrorDto(e.Line, e.Field, e.Reason)).ToList());
}

/// <summary>Hotspot cells as a GeoJSON FeatureCollection (WGS84) with the method and caveats.</summary>
public sealed record HotspotResponse(
    string Type, string Source, string From, string To, int CellSizeM, double BandM, string Method, string Caveat, IReadOnlyList<HotspotFeature> Features);

/// <summary>One hex cell.</summary>
public sealed record HotspotFeature(string Type, System.Text.Json.Nodes.JsonNode Geometry, HotspotProperties Properties);

/// <summary>Cell statistics; <c>count</c> is null and <c>count_text</c> says "fewer than 5" when withheld.</summary>
public sealed record HotspotProperties(string Code, long? Count, string? CountText, double Z, double P, double PAdjusted, int Class, string ClassName);

/// <summary>Per-area police.uk summary.</summary>
public sealed record AreaSummaryResponse(string Source, string[] Months, string Method, string Caveat, IReadOnlyList<AreaSummary> Areas);

/// <summary>One LSOA: totals, rate, monthly counts (null = withheld), trend ratio.</summary>
public sealed record AreaSummary(string Code, string? Name, int? Population, long? Total, string? TotalText, [property: System.Text.Json.Serialization.JsonPropertyName("rate_per_1000")] double? RatePer1000, long?[] Monthly, double? TrendRatio);

/// <summary>A kernel density grid in EPSG:27700 (origin = south-west corner of cell (0, 0)).</summary>
public sealed record DensityResponse(
    string Source, string From, string To, string Crs, double OriginX, double OriginY, double CellM, int Cols, int Rows, double BandwidthM, int Points, string Unit, string Caveat, double[] Values);
