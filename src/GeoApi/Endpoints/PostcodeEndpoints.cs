using System.Text.RegularExpressions;
using CohesionGeo.GeoApi.Places;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// Postcode search on OS Code-Point Open (data/codepoint), through the places area's geocoder
/// (<see cref="CodePointPostcodes"/>, loaded once). Open data: every role, not audited.
/// </summary>
public static partial class PostcodeEndpoints
{
    /// <summary>Said with every answer: a postcode is a unit of about 15 addresses, not a building.</summary>
    public const string Precision = "postcode unit centroid (Code-Point Open: the mean of the unit's delivery points), not a building";

    public static IEndpointRouteBuilder MapPostcodeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/postcodes/{postcode}", LookupAsync)
            .WithName("postcode")
            .WithSummary("A postcode's position (WGS84 lon/lat and EPSG:27700) and its LSOA when loaded; case and spaces are ignored.");
        return routes;
    }

    /// <summary>Upper case, one space before the inward code ("np20 1aa" → "NP20 1AA"); null when not a UK postcode's shape.</summary>
    public static string? Normalise(string text)
    {
        var compact = CodePointPostcodes.Normalise(text ?? string.Empty);
        return Shape().IsMatch(compact) ? compact[..^3] + " " + compact[^3..] : null;
    }

    private static async Task<Results<Ok<PostcodeResponse>, ValidationProblem, ProblemHttpResult>> LookupAsync(string postcode, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var normal = Normalise(postcode);
        if (normal is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["postcode"] = [$"'{postcode}' is not a UK postcode (for example NP20 1AA: area letters, district, sector digit, two unit letters)."] },
                title: "Not a postcode");
        }

        if (!FacilityImporter.Postcodes.TryLocate(normal, out var e, out var n))
        {
            return TypedResults.Problem(title: "Unknown postcode", detail: $"{normal} is not in Code-Point Open as loaded (data/codepoint covers the sample's postcode areas: CF, CH, LD, LL, NP, SA, SY).", statusCode: StatusCodes.Status404NotFound);
        }

        var (lon, lat) = BritishNationalGrid.ToWgs84(e, n);
        var area = (await AreaContextReader.LsoaAtAsync(dataSource, [e], [n], ct))[0];
        return TypedResults.Ok(new PostcodeResponse(normal, Math.Round(lon, 6), Math.Round(lat, 6), e, n, Precision, area));
    }

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

/// <summary>A located postcode; <c>lsoa</c> is null when no LSOA is loaded there.</summary>
public sealed record PostcodeResponse(string Postcode, double Lon, double Lat, double Easting, double Northing, string Precision, AreaContext? Lsoa);
