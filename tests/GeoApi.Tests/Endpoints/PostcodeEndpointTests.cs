using System.Globalization;
using System.Net;
using System.Text.Json;
using CohesionGeo.GeoApi.Endpoints;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public class PostcodeEndpointTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("np20 1aa", "NP20 1AA")]
    [InlineData(" NP201AA ", "NP20 1AA")]
    [InlineData("cf10 1ep", "CF10 1EP")]
    [InlineData("W1A0AX", "W1A 0AX")]
    [InlineData("np2", null)]
    [InlineData("NP20 1A!", null)]
    [InlineData("", null)]
    public void Input_is_normalised_or_refused(string input, string? expected) => Assert.Equal(expected, PostcodeEndpoints.Normalise(input));

    [Fact]
    public async Task A_postcode_resolves_to_its_code_point_position_and_lsoa()
    {
        // Oracle: a row of the raw Code-Point file, and PostGIS for the WGS84 position.
        var row = File.ReadLines(DataFiles.Find("codepoint/np.csv")).Skip(1000).First().Split(',');
        var compact = row[0].Trim('"');
        var e = double.Parse(row[2], CultureInfo.InvariantCulture);
        var n = double.Parse(row[3], CultureInfo.InvariantCulture);
        var spaced = (compact[..^3] + " " + compact[^3..]).ToLowerInvariant();

        // Test fixture: an LSOA square around the point (not real boundaries).
        await using (var cmd = db.DataSource.CreateCommand(FormattableString.Invariant($"""
            INSERT INTO places.areas (code, kind, name, name_cy, population, ruc, wimd_rank, geom)
            VALUES ('W01TEST01', 'lsoa', 'Test fixture LSOA', 'LSOA gosodiad prawf', 1500, 'C1', 123, ST_Multi(ST_MakeEnvelope({e - 100}, {n - 100}, {e + 100}, {n + 100}, 27700)))
            """)))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var answer = await GetAsync(api, "/api/v1/postcodes/" + Uri.EscapeDataString(spaced));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(spaced.ToUpperInvariant(), answer.Json.GetProperty("postcode").GetString());
        Assert.Equal(e, answer.Json.GetProperty("easting").GetDouble());
        Assert.Equal(n, answer.Json.GetProperty("northing").GetDouble());
        var lon = await db.ScalarAsync<double>(FormattableString.Invariant($"SELECT ST_X(ST_Transform(ST_SetSRID(ST_MakePoint({e}, {n}), 27700), 4326))"));
        var lat = await db.ScalarAsync<double>(FormattableString.Invariant($"SELECT ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint({e}, {n}), 27700), 4326))"));
        Assert.Equal(lon, answer.Json.GetProperty("lon").GetDouble(), 5);
        Assert.Equal(lat, answer.Json.GetProperty("lat").GetDouble(), 5);
        Assert.Contains("not a building", answer.Json.GetProperty("precision").GetString(), StringComparison.Ordinal);
        var lsoa = answer.Json.GetProperty("lsoa");
        Assert.Equal("W01TEST01", lsoa.GetProperty("code").GetString());
        Assert.Equal(123, lsoa.GetProperty("wimd_rank").GetInt32());

        // Unknown (well-formed, not in the files) → 404; malformed → 400 naming the field.
        var unknown = await GetAsync(api, "/api/v1/postcodes/SW1A%201AA");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("SW1A 1AA", unknown.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var malformed = await GetAsync(api, "/api/v1/postcodes/not-a-postcode");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.True(malformed.Json.GetProperty("errors").TryGetProperty("postcode", out _));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(RunningApi api, string url)
    {
        using var response = await api.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.StartsWith(response.IsSuccessStatusCode ? "application/json" : "application/problem+json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }
}
