using CohesionGeo.GeoEngine.Accessibility;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// <c>GET /api/v1/access/areas?kind=&amp;mode=&amp;level=</c>: per-area accessibility figures; and
/// <c>GET /api/v1/isolation?level=lsoa|hex&amp;limit=&amp;min_dwellings=</c>: areas ranked by the isolation index,
/// with the figures behind each rank. Areas with fewer dwellings on the network than <c>min_dwellings</c>
/// (default 1) are left out of the ranking and counted in <c>left_out</c>: a hex cell with one house, or an
/// LSOA known only by its centroid, is a weak basis for a rank.
/// </summary>
public static class AccessEndpoints
{
    /// <summary>One sentence for the response: how the index is made.</summary>
    public const string Method =
        "For GP, day centre and youth club: the area's median dwelling time by the better of walking and public transport (transit = walk + bus + rail, " +
        "50th percentile of departures every minute on the default Tuesday 08:00–10:00, walking alone counting when faster; walking only until transit is computed), " +
        "capped at 60 minutes and divided by 60 (0 = on the doorstep, 1 = an hour or more or unreachable); index = 100 × the mean of the three. " +
        "Rank 1 is the most isolated. Rural–urban class and WIMD rank are shown beside the index, not part of it.";

    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/access/areas", GetAreasAsync)
            .WithName("access-areas")
            .WithSummary("Per LSOA or 250 m hex: dwellings, reachable, mean/median/p90 minutes to the nearest facility of a kind, shares beyond 15 and 30 minutes.");
        routes.MapGet("/api/v1/isolation", GetAsync)
            .WithName("isolation")
            .WithSummary("Areas (LSOA or 250 m hex) ranked by the isolation index, with the travel times behind each rank.");
        return routes;
    }

    private static async Task<Results<Ok<List<AreaAccessDto>>, ValidationProblem>> GetAreasAsync(NpgsqlDataSource dataSource, string? kind, string? mode, string? level, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!GeoEngine.Places.FacilityKinds.IsKnown(kind))
        {
            errors["kind"] = [$"'{kind}' is not a kind; kinds are {string.Join(", ", GeoEngine.Places.FacilityKinds.All)}"];
        }

        mode ??= "walk";
        if (mode is not ("walk" or "cycle" or "drive" or "transit"))
        {
            errors["mode"] = [$"'{mode}' is not a mode; use walk, cycle, drive or transit"];
        }

        level ??= "lsoa";
        if (level is not ("lsoa" or "hex"))
        {
            errors["level"] = [$"'{level}' is not a level; use lsoa or hex"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await AccessStore.ReadAreaStatsAsync(dataSource, level, kind!, mode, ct);
        return TypedResults.Ok(rows.Select(r => new AreaAccessDto(
            r.AreaCode, r.Name, r.Dwellings, r.Summary.Reachable, Minutes(r.Summary.Mean), Minutes(r.Summary.Median), Minutes(r.Summary.P90),
            Math.Round(r.Summary.ShareOver15, 3), Math.Round(r.Summary.ShareOver30, 3))).ToList());
    }

    private static double? Minutes(double? seconds) => seconds is { } s ? Math.Round(s / 60, 1) : null;

    private static async Task<Results<Ok<IsolationResponse>, ValidationProblem>> GetAsync(NpgsqlDataSource dataSource, string? level, int? limit, int? min_dwellings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        level ??= "lsoa";
        if (level is not ("lsoa" or "hex"))
        {
            errors["level"] = [$"'{level}' is not a level; use lsoa or hex"];
        }

        if (limit is < 1 or > 10_000)
        {
            errors["limit"] = ["limit must be between 1 and 10000"];
        }

        if (min_dwellings is < 1 or > 100_000)
        {
            errors["min_dwellings"] = ["min_dwellings must be between 1 and 100000"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var minimum = min_dwellings ?? 1;

        var (ranked, areaCount) = await RankAsync(dataSource, level, minimum, ct);
        var shown = ranked.Take(limit ?? ranked.Count).ToList();
        var boxes = await AreaBoundsReader.ReadAsync(dataSource, level, shown.Select(r => r.Area.Code).ToList(), ct);
        var rows = shown.Select(r => new IsolationRow(
            r.Rank, r.Area.Code, r.Area.Name, r.Index, r.Area.Ruc, r.Area.WimdRank, r.Area.Dwellings,
            r.Components.Select(c =>
            {
                // Both modes' medians beside the one the index took (walk, or transit when it is better).
                var input = r.Area.Services.FirstOrDefault(x => x.Kind == c.Kind);
                return new IsolationServiceDto(c.Kind, c.Minutes is { } m ? Math.Round(m, 1) : null, c.Mode, Math.Round(c.ShareOver30, 3), Math.Round(c.Score, 3),
                    input?.WalkMedianSeconds is { } w ? Math.Round(w / 60, 1) : null, input?.TransitMedianSeconds is { } t ? Math.Round(t / 60, 1) : null);
            }).ToList(), boxes.GetValueOrDefault(r.Area.Code))).ToList();
        return TypedResults.Ok(new IsolationResponse(level, Method, IsolationIndex.Services, ranked.Count, areaCount - ranked.Count, minimum, rows));
    }

    /// <summary>The isolation ranking of <c>GET /api/v1/isolation</c> (also used by the isolated-communities workflow): ranked areas and the number of areas read.</summary>
    public static async Task<(IReadOnlyList<IsolationRank> Ranked, int Areas)> RankAsync(NpgsqlDataSource dataSource, string level, int minimum, CancellationToken ct)
    {
        var figures = await AccessStore.ReadAreaFiguresAsync(dataSource, level, IsolationIndex.Services.ToArray(), ["walk", "transit"], ct);
        var areas = figures.GroupBy(f => f.AreaCode).Select(g =>
        {
            var first = g.First();
            var services = IsolationIndex.Services.Select(kind =>
            {
                var walk = g.FirstOrDefault(f => f.Kind == kind && f.Mode == "walk");
                var transit = g.FirstOrDefault(f => f.Kind == kind && f.Mode == "transit");
                return walk is null && transit is null
                    ? null
                    : new IsolationServiceInput(kind, walk?.MedianSeconds, walk?.ShareOver30 ?? 1, transit?.MedianSeconds, transit?.ShareOver30);
            }).OfType<IsolationServiceInput>().ToList();
            return new IsolationArea(g.Key, first.Name, first.Ruc, first.WimdRank, g.Max(f => f.Dwellings), services);
        }).ToList();
        return (IsolationIndex.Rank(areas.Where(a => a.Dwellings >= minimum)), areas.Count);
    }
}

public sealed record AreaAccessDto(string Code, string? Name, int Dwellings, int Reachable, double? MeanMinutes, double? MedianMinutes, double? P90Minutes, double ShareOver15, double ShareOver30);

/// <summary>One service of an isolation rank: the minutes and mode the index took (the better of walk and transit), and both modes' median minutes (null = not reachable at the median, or transit not computed).</summary>
public sealed record IsolationServiceDto(string Kind, double? Minutes, string Mode, double ShareOver30, double Score, double? WalkMinutes = null, double? TransitMinutes = null);

/// <summary>One ranked area; <c>bbox</c> is its WGS84 extent [min lon, min lat, max lon, max lat] (for the map to zoom to), null when the area has no geometry.</summary>
public sealed record IsolationRow(int Rank, string Code, string? Name, double Index, string? Ruc, int? WimdRank, int Dwellings, IReadOnlyList<IsolationServiceDto> Services, double[]? Bbox = null);

public sealed record IsolationResponse(string Level, string Method, IReadOnlyList<string> Services, int Areas, int LeftOut, int MinDwellings, IReadOnlyList<IsolationRow> Ranking);
