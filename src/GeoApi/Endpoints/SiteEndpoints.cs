using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CohesionGeo.GeoApi.Assessment;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Assessment;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Risk;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// The dispersal-site dossier (issue 8): per site, per service kind and mode the nearest facility and counts
/// within 15/30 minutes (the routing engine's matrix, and the transit endpoint's own computation), police.uk
/// rows within 400 m against the LSOA, tension, hot spot class, LSOA context and flags with a <c>why</c>.
/// Saved sites (<c>places.sites</c>, kind dispersal) are restricted: planner, cohesion lead, admin; audited.
/// </summary>
public static class SiteEndpoints
{
    /// <summary>Most sites per request.</summary>
    public const int MaxSites = 50;

    /// <summary>Radius for police.uk rows around a site, metres.</summary>
    public const double RiskRadiusMetres = 400;

    private static readonly string[] AllModes = ["walk", "cycle", "drive", "transit"];

    public static IEndpointRouteBuilder MapSiteEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/sites/assess", AssessAsync).RequireRoles(Role.Planner, Role.CohesionLead)
            .WithName("sites-assess").WithSummary("Dossier for up to 50 candidate sites {sites:[{lon, lat, name?}], modes?, services?, departure?}.");
        routes.MapPost("/api/v1/sites", SaveAsync).RequireRoles(Role.Planner, Role.CohesionLead)
            .WithName("sites-save").WithSummary("Save a candidate dispersal site {lon, lat, name?, capacity?} (restricted, audited).");
        routes.MapGet("/api/v1/sites/compare", CompareAsync).RequireRoles(Role.Planner, Role.CohesionLead)
            .WithName("sites-compare").WithSummary("Saved sites side by side: ?ids=1,2,3[&format=json|csv|geojson] (restricted, audited).");
        return routes;
    }

    private static async Task<IResult> AssessAsync(HttpContext http, SiteAssessRequest? request, NpgsqlDataSource dataSource, AuditLog audit, AssessmentOptions options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Sites is not { Count: > 0 } sites)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sites"] = ["Give 1 to 50 sites: [{lon, lat, name?}]."] });
        }

        if (sites.Count > MaxSites)
        {
            return TypedResults.Problem(title: "Too many sites", detail: $"{sites.Count} sites in one request; at most {MaxSites}. Split the list.", statusCode: StatusCodes.Status413PayloadTooLarge,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["sites"] = [$"{sites.Count} sites; at most {MaxSites}."] } });
        }

        var points = new List<SitePoint>(sites.Count);
        for (var i = 0; i < sites.Count; i++)
        {
            var s = sites[i];
            if (s?.Lon is not { } lon || s.Lat is not { } lat || !double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
            {
                errors[$"sites[{i}]"] = ["Each site needs lon (-180..180) and lat (-90..90) in WGS84 degrees."];
                continue;
            }

            var (x, y) = BritishNationalGrid.FromWgs84(lon, lat);
            points.Add(new SitePoint(null, s.Name, lon, lat, x, y));
        }

        var modes = request.Modes is { Count: > 0 } m ? m.Select(v => v?.Trim().ToLowerInvariant() ?? string.Empty).Distinct().ToArray() : AllModes;
        foreach (var bad in modes.Where(v => !AllModes.Contains(v)))
        {
            errors["modes"] = [$"Unknown mode '{bad}': use walk, cycle, drive or transit."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The sites are not valid");
        }

        var caller = Caller.From(http.User);
        var result = await DossierAsync(dataSource, points, modes, request.Services, request.Departure, options.SiteFlags, options.WayHome, ct);
        if (result.Problem is not null)
        {
            return result.Problem;
        }

        await audit.WriteAsync(caller, "read", "sites/assess", new { sites = points.Count, modes }, ct);
        return TypedResults.Ok(result.Response);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SiteSaveRequest? request, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        if (request?.Lon is not { } lon || request.Lat is not { } lat || !double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lon"] = ["lon (-180..180) and lat (-90..90) are required, WGS84 degrees."] });
        }

        if (request.Name is { Length: > 200 } || request.Capacity is < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["name at most 200 characters; capacity not negative."] });
        }

        var caller = Caller.From(http.User);
        var (x, y) = BritishNationalGrid.FromWgs84(lon, lat);
        var id = await SiteAssessmentStore.SaveDispersalSiteAsync(dataSource, request.Name, request.Capacity, x, y, caller.Name, ct);
        await audit.WriteAsync(caller, "create", $"sites/{id}", new { kind = "dispersal" }, ct);
        return TypedResults.Created($"/api/v1/sites/compare?ids={id}", new { id, name = request.Name, capacity = request.Capacity, lon, lat });
    }

    private static async Task<IResult> CompareAsync(HttpContext http, string? ids, string? format, string? modes, NpgsqlDataSource dataSource, AuditLog audit, AssessmentOptions options, CancellationToken ct)
    {
        var list = new List<long>();
        foreach (var part in (ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"'{part}' is not a site id; give ids=1,2,3."] });
            }

            list.Add(id);
        }

        if (list.Count is 0 or > MaxSites)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"Give 1 to {MaxSites} saved site ids: ids=1,2,3."] });
        }

        var kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "csv" or "geojson"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format is json, csv or geojson."] });
        }

        var saved = await SiteAssessmentStore.DispersalSitesAsync(dataSource, [.. list.Distinct()], ct);
        var missing = list.Distinct().Except(saved.Select(s => s.Id)).ToList();
        if (missing.Count > 0)
        {
            return TypedResults.Problem(title: "Unknown sites", detail: $"No saved dispersal site with id {string.Join(", ", missing)}.", statusCode: StatusCodes.Status404NotFound);
        }

        var points = saved.Select(s =>
        {
            var (lon, lat) = BritishNationalGrid.ToWgs84(s.X, s.Y);
            return new SitePoint(s.Id, s.Name, lon, lat, s.X, s.Y);
        }).ToList();
        var modeList = string.IsNullOrWhiteSpace(modes) ? AllModes : modes.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
        if (modeList.FirstOrDefault(v => !AllModes.Contains(v)) is { } badMode)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["modes"] = [$"Unknown mode '{badMode}': use walk, cycle, drive or transit."] });
        }

        var result = await DossierAsync(dataSource, points, modeList, null, null, options.SiteFlags, options.WayHome, ct);
        if (result.Problem is not null)
        {
            return result.Problem;
        }

        await audit.WriteAsync(Caller.From(http.User), "read", "sites/compare", new { ids = list, format = kind }, ct);
        var table = SiteTable.From(result.Response!);
        return kind switch
        {
            "csv" => TypedResults.Text(table.ToCsv(), "text/csv; charset=utf-8"),
            "geojson" => TypedResults.Text(table.ToGeoJson(), "application/geo+json"),
            _ => TypedResults.Ok(table.ToJson()),
        };
    }

    /// <summary>
    /// The dossier for <paramref name="sites"/>. <paramref name="profile"/> (bench only) records where the time goes;
    /// <paramref name="reference"/> runs the plain path (every facility by transit, no caches), the peer of the
    /// benchmark and the oracle of the tests.
    /// </summary>
    internal static async Task<(SiteAssessResponse? Response, IResult? Problem)> DossierAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<SitePoint> sites, IReadOnlyList<string> modes, IReadOnlyList<string>? services, string? departure,
        SiteFlagThresholds thresholds, WayHomeThresholds wayHome, CancellationToken ct, DossierProfile? profile = null, bool reference = false)
    {
        var notes = new List<string>
        {
            "route_length_m (walk, cycle, drive) is the length of the fastest route, metres: network edges plus the partial edges and the straight off-network legs at both ends, the same legs the time includes. By transit it is null: the public-transport router (Range RAPTOR over a departure window) gives a distribution of times over many journeys, not one path. straight_line_m is the straight-line distance to the facility.",
        };
        // Caches keyed on the data versions (migration 0601); the reference path reads everything afresh.
        var cache = reference ? null : DossierCache.For(dataSource);
        var versions = cache is null ? default : await SiteAssessmentStore.DataVersionsAsync(dataSource, ct);
        string[]? kindFilter = services is { Count: > 0 } ? [.. services] : null;
        var facilitiesKey = $"{versions.Facilities}|{(kindFilter is null ? "*" : string.Join(',', kindFilter.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)))}";
        var facilities = cache is null
            ? await SiteAssessmentStore.FacilitiesAsync(dataSource, kindFilter, ct)
            : await cache.GetAsync("facilities|" + facilitiesKey, () => SiteAssessmentStore.FacilitiesAsync(dataSource, kindFilter, ct));
        profile?.Mark("facilities (SQL)");
        var kinds = (services is { Count: > 0 } ? services : facilities.Kinds.Distinct(StringComparer.Ordinal)).ToArray();
        if (facilities.Ids.Length == 0)
        {
            notes.Add("No facilities are loaded (places.facilities is empty): service access is not available.");
        }

        var x = sites.Select(s => s.X).ToArray();
        var y = sites.Select(s => s.Y).ToArray();

        // Travel seconds per mode: [site][facility] (NaN = unreachable or not linkable), or the reason the mode is unavailable;
        // route metres of the same routes (street modes only).
        var seconds = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        var metres = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
        var loaded = await RoutingNetworkProvider.For(dataSource).GetAsync(ct);
        if (loaded is { } net)
        {
            // Whatever the modes, a site must lie within the data: near the walking network (which covers the extract).
            try
            {
                net.Context.Link(TravelMode.Walk, [.. sites.Select(s => (s.X, s.Y))]);
            }
            catch (PointLinkException ex)
            {
                return (null, TypedResults.Problem(title: "A site is outside the data extent", detail: $"sites[{ex.PointIndex}]: {ex.Message} The loaded data cover the street network's extract only.", statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [$"sites[{ex.PointIndex}]"] = [ex.Message] } }));
            }
        }

        profile?.Mark("network (cached)");
        foreach (var mode in modes)
        {
            if (mode == "transit")
            {
                var reachable = loaded is null ? [] : LinksFor(cache, facilitiesKey, loaded.Value.Context, TravelMode.Walk, facilities).Linkable.ToList();
                profile?.Mark("transit: link facilities");
                var (table, reason) = await TransitSecondsAsync(dataSource, sites, facilities, reachable, departure, ct);
                profile?.Mark("transit: RAPTOR to facilities");
                if (table is null)
                {
                    unavailable[mode] = reason!;
                }
                else
                {
                    seconds[mode] = table;
                }

                continue;
            }

            if (loaded is null)
            {
                unavailable[mode] = "No street network is loaded.";
                continue;
            }

            TravelModes.TryParse(mode, out var travelMode);
            var context = loaded.Value.Context;
            LinkedPointSet origins;
            try
            {
                origins = context.Link(travelMode, [.. sites.Select(s => (s.X, s.Y))]);
            }
            catch (PointLinkException ex)
            {
                return (null, TypedResults.Problem(title: "A site is off the network", detail: $"sites[{ex.PointIndex}]: {ex.Message}", statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [$"sites[{ex.PointIndex}]"] = [ex.Message] } }));
            }

            // Facilities are linked one by one so that one far away (outside the extract) only drops itself.
            var links = LinksFor(cache, facilitiesKey, context, travelMode, facilities);
            var linkable = links.Linkable;
            profile?.Mark("street: link");

            var table2 = new double[sites.Count][];
            var lengths = new double[sites.Count][];
            for (var i = 0; i < sites.Count; i++)
            {
                table2[i] = new double[facilities.Ids.Length];
                Array.Fill(table2[i], double.NaN);
                lengths[i] = new double[facilities.Ids.Length];
                Array.Fill(lengths[i], double.NaN);
            }

            if (links.Points is { } destinations)
            {
                var search = context.RentSearch();
                try
                {
                    var (matrix, routeMetres) = TravelTimeMatrix.ComputeWithLengths(origins, destinations, TravelSettings.Default, search: search);
                    for (var i = 0; i < sites.Count; i++)
                    {
                        for (var k = 0; k < linkable.Length; k++)
                        {
                            // Rounded as /api/v1/travel-times rounds (0.1 s), so both give the same figure.
                            table2[i][linkable[k]] = float.IsFinite(matrix[i][k]) ? Math.Round((double)matrix[i][k], 1) : double.NaN;
                            lengths[i][linkable[k]] = routeMetres[i][k];
                        }
                    }
                }
                finally
                {
                    context.Return(search);
                }
            }

            seconds[mode] = table2;
            metres[mode] = lengths;
            profile?.Mark("street: Dijkstra matrix");
        }

        foreach (var (mode, reason) in unavailable)
        {
            notes.Add($"{mode}: not available - {reason}");
        }

        var wayHomeKinds = wayHome.Services.Where(k => kinds.Contains(k, StringComparer.Ordinal)).ToArray();
        var ways = await WayHomeAsync(dataSource, cache, versions.Facilities, sites, facilities, wayHomeKinds, modes.Contains("transit") ? seconds.GetValueOrDefault("transit") : null,
            unavailable.GetValueOrDefault("transit"), departure, wayHome, ct);
        profile?.Mark("way home (evening RAPTOR)");
        if (!modes.Contains("transit") && wayHomeKinds.Length > 0)
        {
            notes.Add("way_home: not checked - transit was not among the modes asked for.");
        }

        // Risk: 12 months up to the latest loaded police.uk month.
        var latest = await RiskReader.LatestIncidentMonthAsync(dataSource, ct);
        var areas = await AreaContextReader.LsoaAtAsync(dataSource, x, y, ct);
        var cells = await SiteAssessmentStore.HexCodeAtAsync(dataSource, x, y, ct);
        var risk = new SiteRiskDto?[sites.Count];
        var hot = new Dictionary<string, (int Class, string Name)>[sites.Count];
        double? asbPercentile = null;
        string? period = null;
        if (latest is { } end)
        {
            var start = end.AddMonths(-11);
            period = $"{start:yyyy-MM}..{end:yyyy-MM}";
            profile?.Mark("risk: month, LSOA, hex cell (SQL)");
            var rows = await SiteAssessmentStore.IncidentsAroundAsync(dataSource, x, y, RiskRadiusMetres, start, end, ct);
            profile?.Mark("risk: incidents within 400 m (SQL)");
            var densities = cache is null
                ? await SiteAssessmentStore.LsoaDensitiesAsync(dataSource, start, end, ct)
                : await cache.GetAsync(FormattableString.Invariant($"densities|{start:yyyy-MM}|{end:yyyy-MM}|{versions.Incidents}|{versions.Areas}"), () => SiteAssessmentStore.LsoaDensitiesAsync(dataSource, start, end, ct));
            profile?.Mark("risk: LSOA densities (SQL)");
            if (densities.Count > 0)
            {
                asbPercentile = Percentile(densities.Values.Select(d => d.AsbPerKm2).ToArray(), thresholds.AsbPercentile);
            }

            var circleKm2 = Math.PI * RiskRadiusMetres * RiskRadiusMetres / 1e6;
            for (var i = 0; i < sites.Count; i++)
            {
                var asb = new long[12];
                var crime = new long[12];
                foreach (var r in rows.Where(r => r.Point == i))
                {
                    var k = ((r.Month.Year - start.Year) * 12) + r.Month.Month - start.Month;
                    (r.Asb ? asb : crime)[k] += r.Count;
                }

                var area = areas[i] is { } a && densities.TryGetValue(a.Code, out var d) ? d : ((double, double)?)null;
                risk[i] = new SiteRiskDto(
                    RiskRadiusMetres, period,
                    Block(asb, circleKm2, area?.Item1, asbPercentile),
                    Block(crime, circleKm2, area?.Item2, null));
            }

            var classes = cache is null
                ? await HotspotClassesAsync(dataSource, start, end, ct)
                : await cache.GetAsync(FormattableString.Invariant($"hotspots|{start:yyyy-MM}|{end:yyyy-MM}|{versions.Incidents}|{versions.Areas}"), () => HotspotClassesAsync(dataSource, start, end, ct));
            if (classes is not null)
            {
                if (cells.All(c => c is null))
                {
                    cells = await SiteAssessmentStore.HexCodeAtAsync(dataSource, x, y, ct); // the grid was made by the hot spot count
                }

                foreach (var (name, index) in classes)
                {
                    for (var i = 0; i < sites.Count; i++)
                    {
                        hot[i] ??= new Dictionary<string, (int, string)>(StringComparer.Ordinal);
                        if (cells[i] is { } code && index.TryGetValue(code, out var c))
                        {
                            hot[i][name] = (c, HotspotClass.Name(c));
                        }
                    }
                }
            }
        }
        else
        {
            notes.Add("No police.uk data are loaded: ASB, crime and hot spots are not available.");
        }

        profile?.Mark("risk: hot spots (counts + Gi*)");

        // Tension: the register's index and latest level per LSOA, as of the latest report (as /api/v1/risk/tension-index).
        var reports = await TensionStore.ForIndexAsync(dataSource, DateOnly.FromDateTime(DateTime.UtcNow), ct);
        profile?.Mark("tension (SQL)");
        var asOf = reports.Count > 0 ? reports.Max(r => r.Date) : (DateOnly?)null;

        var dossiers = new List<SiteDossierDto>(sites.Count);
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            var servicesOut = new SortedDictionary<string, SortedDictionary<string, ServiceModeDto>>(StringComparer.Ordinal);
            foreach (var kind in kinds)
            {
                var idx = Enumerable.Range(0, facilities.Ids.Length).Where(j => facilities.Kinds[j] == kind).ToArray();
                var perMode = new SortedDictionary<string, ServiceModeDto>(StringComparer.Ordinal);
                foreach (var mode in modes)
                {
                    if (unavailable.TryGetValue(mode, out var why))
                    {
                        perMode[mode] = new ServiceModeDto(false, why, null, null, null, idx.Length);
                        continue;
                    }

                    var row = idx.Select(j => seconds[mode][i][j]).ToArray();
                    var reach = ServiceReach.Of(row);
                    NearestDto? nearest = null;
                    if (reach.NearestIndex >= 0)
                    {
                        var j = idx[reach.NearestIndex];
                        nearest = new NearestDto(facilities.Ids[j], facilities.Names[j], reach.NearestSeconds, Math.Round(reach.NearestSeconds / 60, 1),
                            Math.Round(Math.Sqrt(Math.Pow(facilities.X[j] - site.X, 2) + Math.Pow(facilities.Y[j] - site.Y, 2)), 1),
                            metres.TryGetValue(mode, out var m) && double.IsFinite(m[i][j]) ? Math.Round(m[i][j], 1) : null);
                    }

                    perMode[mode] = new ServiceModeDto(true, null, nearest, reach.Within15Minutes, reach.Within30Minutes, idx.Length);
                }

                servicesOut[kind] = perMode;
            }

            var area = areas[i];
            SiteTensionDto? tension = null;
            if (area is not null && asOf is { } when)
            {
                var mine = reports.Where(r => r.AreaCode == area.Code).ToList();
                var recent = mine.Where(r => r.Date > when.AddDays(-thresholds.TensionDays)).OrderByDescending(r => r.Level).ThenByDescending(r => r.Date).FirstOrDefault();
                var latestReport = mine.OrderByDescending(r => r.Date).FirstOrDefault();
                tension = new SiteTensionDto(
                    area.Code, when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), mine.Count,
                    mine.Count == 0 ? 0 : TensionIndex.Of(mine.Select(r => (double)(when.DayNumber - r.Date.DayNumber)).ToArray(), mine.Select(r => r.Level).ToArray(), mine.Select(r => TensionIndex.TierWeight(r.Tier)).ToArray()),
                    latestReport == default ? null : latestReport.Level, latestReport == default ? null : latestReport.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    recent == default ? null : recent.Level, mine.Any(r => r.Synthetic));
            }

            double? Minutes(string kind, string mode) =>
                servicesOut.TryGetValue(kind, out var pm) && pm.TryGetValue(mode, out var v) && v.Available ? v.Nearest?.Minutes : null;
            var transitKnown = seconds.ContainsKey("transit");
            var inputs = new SiteFlagInputs(
                Minutes("gp", "walk"), Minutes("gp", "transit"), transitKnown,
                Minutes("youth_club", "walk"), Minutes("youth_club", "transit"),
                risk[i]?.Asb.PerKm2, asbPercentile,
                area?.Code, tension?.MaxLevelRecent, null);
            if (tension?.MaxLevelRecent is not null && area is not null && asOf is { } w2)
            {
                var top = reports.Where(r => r.AreaCode == area.Code && r.Date > w2.AddDays(-thresholds.TensionDays)).OrderByDescending(r => r.Level).ThenByDescending(r => r.Date).First();
                inputs = inputs with { MaxRecentTensionDate = top.Date };
            }

            // GP and youth-club flags need the kind asked for and walking computed; the others stand on their own figures.
            var flags = SiteFlags.Evaluate(inputs, thresholds).Where(f => f.Id switch
            {
                "gp_far" => kinds.Contains("gp") && seconds.ContainsKey("walk"),
                "no_youth_club" => kinds.Contains("youth_club") && seconds.ContainsKey("walk"),
                _ => true,
            }).ToList();
            var noWayHome = ways[i].Where(w => w.Value.Flagged).Select(w => $"{w.Key}: {w.Value.Why}").ToList();
            if (noWayHome.Count > 0)
            {
                flags.Add(new SiteFlag("no_way_home", string.Join("; ", noWayHome)));
            }

            dossiers.Add(new SiteDossierDto(
                site.Id, site.Name, Math.Round(site.Lon, 6), Math.Round(site.Lat, 6), area, servicesOut, risk[i],
                new Dictionary<string, HotspotCellDto>(hot[i]?.Select(kv => KeyValuePair.Create(kv.Key, new HotspotCellDto(cells[i], kv.Value.Class, kv.Value.Name))) ?? []),
                tension, flags, ways[i]));
        }

        profile?.Mark("assemble");
        var thresholdText = string.Create(CultureInfo.InvariantCulture,
            $"gp_far: nearest GP over {thresholds.GpMinutes} min by walk and by transit; no_youth_club: none within {thresholds.YouthClubMinutes} min by walk or transit; asb_high: ASB per km² within 400 m above the {thresholds.AsbPercentile}th percentile of LSOA densities; tension_high: level >= {thresholds.TensionLevel} in the site's LSOA within {thresholds.TensionDays} days of the register's latest report; no_way_home: from the nearest {string.Join("/", wayHome.Services)} by public transport, no journey back to the site starting {GeoEngine.Transit.GtfsTime.Format(wayHome.EveningFromSeconds)[..5]}-{GeoEngine.Transit.GtfsTime.Format(wayHome.EveningFromSeconds + (wayHome.EveningMinutes * 60))[..5]}, or one longer than {wayHome.Ratio:0.##} x the morning outbound.");
        return (new SiteAssessResponse(modes.ToArray(), kinds, period, RiskQuery.Caveat, thresholdText, notes, dossiers), null);
    }

    private static SiteIncidentsDto Block(long[] monthly, double circleKm2, double? areaPerKm2, double? percentile)
    {
        var total = monthly.Sum();
        var perKm2 = Math.Round(total / circleKm2, 2);
        return new SiteIncidentsDto(total, monthly, Trend.Of(monthly), perKm2, areaPerKm2 is { } a ? Math.Round(a, 2) : null,
            areaPerKm2 is > 0 ? Math.Round(perKm2 / areaPerKm2.Value, 3) : null, percentile is { } p ? Math.Round(p, 2) : null);
    }

    /// <summary>Linear-interpolated percentile (0–100) of values.</summary>
    private static double Percentile(double[] values, double percent)
    {
        Array.Sort(values);
        var rank = percent / 100 * (values.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, values.Length - 1);
        return values[lo] + ((values[hi] - values[lo]) * (rank - lo));
    }

    /// <summary>
    /// Gi* class per 250 m cell code for ASB and crime over <paramref name="start"/>..<paramref name="end"/>, as
    /// <c>/api/v1/risk/hotspots</c> computes them over the whole data extent; null when the extent is too large.
    /// </summary>
    private static async Task<Dictionary<string, Dictionary<string, int>>?> HotspotClassesAsync(NpgsqlDataSource dataSource, DateOnly start, DateOnly end, CancellationToken ct)
    {
        if (await RiskReader.ExtentAsync(dataSource, null, ct) is not { } extent || (extent.MaxX - extent.MinX) * (extent.MaxY - extent.MinY) > RiskQuery.MaxExtentSquareMetres)
        {
            return null;
        }

        var classes = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (source, name) in new[] { (RiskSource.Asb, "asb"), (RiskSource.Crime, "crime") })
        {
            var counts = await RiskReader.CountPerHexAsync(dataSource, source, start, end, extent, ct);
            var result = HotspotAnalysis.Run(counts.X, counts.Y, counts.Counts, HotspotAnalysis.DefaultBandMetres);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 0; c < counts.Codes.Length; c++)
            {
                index[counts.Codes[c]] = result.Class[c];
            }

            classes[name] = index;
        }

        return classes;
    }

    /// <summary>
    /// The facilities a mode's network can reach and the same points linked: cached per loaded network, mode,
    /// facilities version and kinds; the reference path (no cache) links them afresh.
    /// </summary>
    private static DossierCache.FacilityLinks LinksFor(DossierCache? cache, string facilitiesKey, RoutingContext context, TravelMode mode, (long[] Ids, string[] Kinds, string[] Names, double[] X, double[] Y) facilities)
    {
        if (cache is null)
        {
            var linkable = Linkable(context, mode, facilities);
            return new DossierCache.FacilityLinks([.. linkable], linkable.Count == 0 ? null : context.Link(mode, [.. linkable.Select(j => (facilities.X[j], facilities.Y[j]))]));
        }

        return cache.Links(context, mode, facilitiesKey, () =>
        {
            var linker = context.Linker(mode);
            var indexes = new List<int>();
            var points = new List<LinkedPoint>();
            for (var j = 0; j < facilities.Ids.Length; j++)
            {
                try
                {
                    points.Add(linker.Link(facilities.X[j], facilities.Y[j], PointLinker.DefaultMaxLinkMetres));
                    indexes.Add(j);
                }
                catch (PointLinkException)
                {
                    // outside the mode's network: no time for it
                }
            }

            return new DossierCache.FacilityLinks([.. indexes], points.Count == 0 ? null : new LinkedPointSet(context.Graph, mode, [.. points]));
        });
    }

    /// <summary>Facilities that can be linked to the mode's network (the others lie outside the extract).</summary>
    private static List<int> Linkable(RoutingContext context, TravelMode mode, (long[] Ids, string[] Kinds, string[] Names, double[] X, double[] Y) facilities)
    {
        var list = new List<int>();
        for (var j = 0; j < facilities.Ids.Length; j++)
        {
            try
            {
                context.Link(mode, [(facilities.X[j], facilities.Y[j])]);
                list.Add(j);
            }
            catch (PointLinkException)
            {
                // outside the mode's network: no time for it
            }
        }

        return list;
    }

    /// <summary>
    /// Per site and way-home kind: the nearest facility by public transport (from the transit table, which is the
    /// morning outbound of <c>/api/v1/transit/way-home</c>), routed back to the site in the evening window at the
    /// same percentile (one Range RAPTOR per distinct facility, all sites as targets), classified as the endpoint does.
    /// With a <paramref name="cache"/> the search from each facility is kept as its stop arrival profile (keyed on the
    /// router, i.e. the feeds, the facilities version and the window) and only the walks to the sites are added.
    /// </summary>
    private static async Task<SortedDictionary<string, SiteWayHomeDto>[]> WayHomeAsync(
        NpgsqlDataSource dataSource, DossierCache? cache, long facilitiesVersion, IReadOnlyList<SitePoint> sites, (long[] Ids, string[] Kinds, string[] Names, double[] X, double[] Y) facilities,
        string[] kinds, double[][]? transit, string? transitReason, string? departure, WayHomeThresholds options, CancellationToken ct)
    {
        var result = new SortedDictionary<string, SiteWayHomeDto>[sites.Count];
        for (var i = 0; i < sites.Count; i++)
        {
            result[i] = new SortedDictionary<string, SiteWayHomeDto>(StringComparer.Ordinal);
        }

        var from = GeoEngine.Transit.GtfsTime.Format(options.EveningFromSeconds)[..5];
        SiteWayHomeDto Missing(string reason) => new(false, reason, null, null, null, null, null, null, false, null, from, options.EveningMinutes, options.Ratio);
        if (kinds.Length == 0 || (transit is null && transitReason is null))
        {
            return result;
        }

        if (transit is null)
        {
            foreach (var r in result)
            {
                foreach (var kind in kinds)
                {
                    r[kind] = Missing($"public transport is not available: {transitReason}");
                }
            }

            return result;
        }

        var (router, window, percentile, problem) = await TransitEndpoints.DefaultQueryAsync(dataSource, departure, ct);
        if (router is null || window is null)
        {
            var reason = problem is ProblemHttpResult p ? p.ProblemDetails.Detail ?? p.ProblemDetails.Title : "the public-transport router did not answer";
            foreach (var r in result)
            {
                foreach (var kind in kinds)
                {
                    r[kind] = Missing($"public transport is not available: {reason}");
                }
            }

            return result;
        }

        // The nearest facility of each kind by public transport, per site (-1 = none reachable).
        var nearest = new int[sites.Count, kinds.Length];
        var distinct = new List<int>();
        var slot = new Dictionary<int, int>();
        for (var k = 0; k < kinds.Length; k++)
        {
            var idx = Enumerable.Range(0, facilities.Ids.Length).Where(j => facilities.Kinds[j] == kinds[k]).ToArray();
            for (var i = 0; i < sites.Count; i++)
            {
                var reach = ServiceReach.Of(idx.Select(j => transit[i][j]).ToArray());
                nearest[i, k] = reach.NearestIndex < 0 ? -1 : idx[reach.NearestIndex];
                if (nearest[i, k] >= 0 && slot.TryAdd(nearest[i, k], distinct.Count))
                {
                    distinct.Add(nearest[i, k]);
                }
            }
        }

        var points = distinct.Select(j =>
        {
            var (lon, lat) = BritishNationalGrid.ToWgs84(facilities.X[j], facilities.Y[j]);
            return new GeoEngine.Transit.LonLat(lon, lat);
        }).ToList();
        var evening = new GeoEngine.Transit.TransitWindow(options.EveningFromSeconds, options.EveningMinutes, window.Walk);
        var homes = sites.Select(s => new GeoEngine.Transit.LonLat(s.Lon, s.Lat)).ToList();
        var back = points.Count == 0 ? []
            : cache is null ? router.Samples(points, homes, evening)
            : router.SamplesFrom(cache.EveningProfiles(router, facilitiesVersion, [.. distinct.Select(j => facilities.Ids[j])], points, evening), homes);
        for (var i = 0; i < sites.Count; i++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                var j = nearest[i, k];
                if (j < 0)
                {
                    result[i][kinds[k]] = Missing($"no {kinds[k]} is reachable by public transport in the morning window");
                    continue;
                }

                var outbound = (int)transit[i][j];
                var home = back[slot[j]].Percentile(i, percentile);
                var r = GeoEngine.Transit.WayHome.Classify(outbound, home, options.Ratio);
                var why = r.Flagged
                    ? string.Create(CultureInfo.InvariantCulture, $"from {facilities.Names[j]} ({outbound / 60.0:0} min there by public transport): {r.Reason} (evening window {from} for {options.EveningMinutes} min; threshold {options.Ratio:0.##} x the outbound)")
                    : null;
                result[i][kinds[k]] = new SiteWayHomeDto(true, null, facilities.Ids[j], facilities.Names[j], points[slot[j]].Lon, points[slot[j]].Lat,
                    r.OutboundSeconds, r.ReturnSeconds, r.Flagged, why, from, options.EveningMinutes, options.Ratio);
            }
        }

        return result;
    }

    private static async Task<(double[][]? Seconds, string? Reason)> TransitSecondsAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<SitePoint> sites, (long[] Ids, string[] Kinds, string[] Names, double[] X, double[] Y) facilities,
        List<int> reachable, string? departure, CancellationToken ct)
    {
        if (reachable.Count == 0)
        {
            return (null, "no facility lies on the walking network");
        }

        // The transit endpoint's own computation, so the figures equal POST /api/v1/travel-times with mode transit;
        // in chunks of destinations that keep each call within its 10,000-cell limit.
        var origins = sites.Select(s => (LonLat?)new LonLat(s.Lon, s.Lat)).ToList();
        var table = new double[sites.Count][];
        for (var i = 0; i < sites.Count; i++)
        {
            table[i] = new double[facilities.Ids.Length];
            Array.Fill(table[i], double.NaN);
        }

        var chunk = Math.Max(1, RoutingEndpoints.MaxCells / sites.Count);
        IResult? answer = null;
        for (var from = 0; from < reachable.Count; from += chunk)
        {
            var part = reachable.Skip(from).Take(chunk).ToList();
            var destinations = part.Select(j =>
            {
                var (lon, lat) = BritishNationalGrid.ToWgs84(facilities.X[j], facilities.Y[j]);
                return (LonLat?)new LonLat(lon, lat);
            }).ToList();
            answer = await TransitEndpoints.TravelTimesAsync(new TravelTimesRequest(origins, destinations, "transit", departure), dataSource, ct);
            if (answer is not Ok<TransitTravelTimesResponse> ok)
            {
                break;
            }

            for (var i = 0; i < sites.Count; i++)
            {
                for (var k = 0; k < part.Count; k++)
                {
                    table[i][part[k]] = ok.Value!.Seconds[i][k] is { } v ? v : double.NaN;
                }
            }

            answer = null;
        }

        if (answer is null)
        {
            return (table, null);
        }

        var reason = answer switch
        {
            ProblemHttpResult p => p.ProblemDetails.Detail ?? p.ProblemDetails.Title,
            ValidationProblem v => string.Join(" ", v.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
            _ => "the public-transport router did not answer",
        };
        return (null, reason);
    }
}
