using System.Globalization;
using System.Net;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Tiles;

/// <summary>
/// Month-filtered tiles (<c>?from=yyyy-MM&amp;to=yyyy-MM</c>) on the incident and tension layers: the counts in a tile
/// equal a direct SQL count over the same months, bad ranges are 400 naming the field, the output cache and the
/// ETag tell ranges apart, and restricted reads are still refused or audited per request.
/// Data: <see cref="SyntheticTileData"/> (7 + 3 incidents in 2023-05) plus SYNTHETIC incidents seeded here.
/// </summary>
public class TileMonthFilterTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly string TilePath = $"/tiles/incidents/{SyntheticTileData.Z}/{SyntheticTileData.X}/{SyntheticTileData.Y}.mvt";

    private async Task SeedAsync()
    {
        await SyntheticTileData.SeedAsync(db);
        if (await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE row_key LIKE 'monthtest-%'") > 0)
        {
            return;
        }

        // SYNTHETIC: in the busy cell, 2 incidents a month in Jan–Mar 2023 and 4 in Nov 2022; none in Apr 2023.
        await using var cmd = db.DataSource.CreateCommand("""
            INSERT INTO risk.incidents (month, category, location, row_key, lsoa_code, geom)
            SELECT v.month, 'anti-social-behaviour', 'On or near Synthetic High Street', 'monthtest-' || v.month || '-' || i, b.lsoa_code, b.geom
            FROM (SELECT lsoa_code, geom FROM risk.incidents WHERE row_key = 'busy-1') AS b,
                 (VALUES (date '2023-01-01', 2), (date '2023-02-01', 2), (date '2023-03-01', 2), (date '2022-11-01', 4)) AS v(month, n),
                 LATERAL generate_series(1, v.n) AS i;
            INSERT INTO risk.tension_reports (reported_on, tier, level, theme, area_code, summary, partner, synthetic, created_by)
            VALUES (date '2021-03-15', 'potential', 2, 'other', 'W01SYN001', 'SYNTHETIC OLD REPORT', 'Synthetic Partner', true, 'test');
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Incidents per hex cell meeting the tile (as the tile filter sees it), for [first, endExclusive): straight SQL.</summary>
    private async Task<Dictionary<string, long>> SqlCountsAsync(string first, string endExclusive)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT a.code, count(*) FROM places.areas AS a JOIN risk.incidents AS i ON ST_Intersects(a.geom, i.geom)
            WHERE a.kind = 'hex' AND ST_Intersects(ST_Transform(a.geom, 3857), ST_TileEnvelope($1, $2, $3))
              AND i.month >= $4::date AND i.month < $5::date
            GROUP BY a.code
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = SyntheticTileData.Z });
        cmd.Parameters.Add(new NpgsqlParameter { Value = SyntheticTileData.X });
        cmd.Parameters.Add(new NpgsqlParameter { Value = SyntheticTileData.Y });
        cmd.Parameters.Add(new NpgsqlParameter { Value = first });
        cmd.Parameters.Add(new NpgsqlParameter { Value = endExclusive });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<Dictionary<string, long>> TileCountsAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }

        var layers = Mvt.Decode(await response.Content.ReadAsByteArrayAsync(), SyntheticTileData.Z, SyntheticTileData.X, SyntheticTileData.Y);
        return layers.TryGetValue("incidents", out var features)
            ? features.ToDictionary(f => (string)f.Get("code")!, f => Convert.ToInt64(f.Get("incidents"), CultureInfo.InvariantCulture), StringComparer.Ordinal)
            : [];
    }

    [Theory]
    [InlineData("2023-01", "2023-03", "2023-01-01", "2023-04-01")]
    [InlineData("2023-05", "2023-05", "2023-05-01", "2023-06-01")]
    [InlineData("2022-11", "2023-12", "2022-11-01", "2024-01-01")]
    [InlineData("2023-02", "2023-02", "2023-02-01", "2023-03-01")]
    public async Task Counts_in_a_tile_for_a_month_range_equal_a_direct_sql_count(string from, string to, string first, string endExclusive)
    {
        await SeedAsync();
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        var expected = await SqlCountsAsync(first, endExclusive);
        Assert.NotEmpty(expected);

        var tile = await TileCountsAsync(await client.GetAsync($"{TilePath}?from={from}&to={to}", Role.Planner));
        Assert.Equal(expected.OrderBy(p => p.Key), tile.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_month_with_no_incidents_is_an_empty_tile_and_no_range_is_every_month()
    {
        await SeedAsync();
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        Assert.Empty(await SqlCountsAsync("2023-04-01", "2023-05-01"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"{TilePath}?from=2023-04&to=2023-04", Role.Planner)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"{TilePath}?from=2023-04&to=2023-04", role: null)).StatusCode);

        var all = await TileCountsAsync(await client.GetAsync(TilePath, Role.Planner));
        Assert.Equal((await SqlCountsAsync("1900-01-01", "2100-01-01")).OrderBy(p => p.Key), all.OrderBy(p => p.Key));

        // Viewers get the suppressed form of the same range: counts under 5 absent, 5 or more exact.
        var viewer = Mvt.Decode(await (await client.GetAsync($"{TilePath}?from=2023-01&to=2023-05", role: null)).Content.ReadAsByteArrayAsync(),
            SyntheticTileData.Z, SyntheticTileData.X, SyntheticTileData.Y)["incidents"];
        var exact = await SqlCountsAsync("2023-01-01", "2023-06-01");
        foreach (var f in viewer)
        {
            var n = exact[(string)f.Get("code")!];
            Assert.Equal(n < 5, (bool)f.Get("suppressed")!);
            long? expectedCount = n < 5 ? null : n;
            long? sent = f.Get("incidents") is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
            Assert.Equal(expectedCount, sent);
        }
    }

    [Theory]
    [InlineData("?from=2023-13&to=2023-12", "from")]
    [InlineData("?from=2023-1&to=2023-12", "from")]
    [InlineData("?from=2023-01-01&to=2023-12", "from")]
    [InlineData("?from=2023-01&to=2023-12%27%3B--", "to")]
    [InlineData("?from=1999-12&to=2000-01", "from")]
    [InlineData("?from=2023-06&to=2023-05", "to")]
    [InlineData("?from=2020-01&to=2023-01", "to")]
    [InlineData("?from=2023-01", "to")]
    [InlineData("?to=2023-01", "from")]
    [InlineData("?from=2023-01&from=2023-02&to=2023-03", "from")]
    public async Task A_bad_month_range_is_a_400_problem_naming_the_field(string query, string field)
    {
        await SeedAsync();
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        foreach (var role in new Role?[] { null, Role.Planner })
        {
            var response = await client.GetAsync(TilePath + query, role);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), $"{query}: no error for {field}");
            Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        }
    }

    [Fact]
    public async Task A_layer_without_months_refuses_a_range_and_a_restricted_layer_is_still_refused_before_the_range_is_read()
    {
        await SeedAsync();
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        var roads = await client.GetAsync($"/tiles/roads/{SyntheticTileData.Z}/{SyntheticTileData.X}/{SyntheticTileData.Y}.mvt?from=2023-01&to=2023-02", role: null);
        Assert.Equal(HttpStatusCode.BadRequest, roads.StatusCode);
        Assert.Contains("\"from\"", await roads.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tension = $"/tiles/tension/{SyntheticTileData.Z}/{SyntheticTileData.X}/{SyntheticTileData.Y}.mvt?from=2023-01&to=2023-02";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(tension, role: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(tension, Role.Doco)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(tension.Replace("2023-02", "bad", StringComparison.Ordinal), role: null)).StatusCode);
    }

    [Fact]
    public async Task The_cache_and_the_etag_tell_ranges_apart_and_restricted_reads_are_audited_with_their_range()
    {
        await SeedAsync();
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        var jan = $"{TilePath}?from=2023-01&to=2023-01";
        var q1 = $"{TilePath}?from=2023-01&to=2023-03";
        var first = await client.GetAsync(jan, Role.Planner);
        var janCounts = await TileCountsAsync(first);
        var q1Response = await client.GetAsync(q1, Role.Planner);
        var q1Counts = await TileCountsAsync(q1Response);
        Assert.Equal(janCounts.Values.Sum() * 3, q1Counts.Values.Sum());
        Assert.NotEqual(first.Headers.ETag, q1Response.Headers.ETag);

        // An If-None-Match from one range never answers 304 for another; for the same range it does.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(q1, Role.Planner, first.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await client.GetAsync(jan, Role.Planner, first.Headers.ETag!.Tag)).StatusCode);

        // The tiles are cached per range: a change the cache is not told about leaves both answers as they were,
        // while a range not asked before sees it. Other query keys do not split the cache.
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using (var sql = new NpgsqlCommand("""
                ALTER TABLE risk.incidents DISABLE TRIGGER tiles_notify;
                INSERT INTO risk.incidents (month, category, row_key, geom) SELECT date '2023-01-01', category, 'monthtest-silent', geom FROM risk.incidents WHERE row_key = 'busy-1';
                ALTER TABLE risk.incidents ENABLE TRIGGER tiles_notify;
                """, conn, tx))
            {
                await sql.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        Assert.Equal(janCounts, await TileCountsAsync(await client.GetAsync(jan, Role.Planner)));
        Assert.Equal(janCounts, await TileCountsAsync(await client.GetAsync(jan + "&unrelated=1", Role.Planner)));
        Assert.Equal(q1Counts, await TileCountsAsync(await client.GetAsync(q1, Role.Planner)));
        var janFeb = await TileCountsAsync(await client.GetAsync($"{TilePath}?from=2023-01&to=2023-02", Role.Planner));
        Assert.Equal((janCounts.Values.Sum() * 2) + 1, janFeb.Values.Sum());

        // Tension is restricted: every read (a miss, then a hit) is audited with its range.
        await using (var clear = db.DataSource.CreateCommand("DELETE FROM audit.events"))
        {
            await clear.ExecuteNonQueryAsync();
        }

        var tension = $"/tiles/tension/{SyntheticTileData.Z}/{SyntheticTileData.X}/{SyntheticTileData.Y}.mvt?from=2021-01&to=2021-06";
        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync(tension, Role.Planner);
            var features = Mvt.Decode(await response.Content.ReadAsByteArrayAsync(), SyntheticTileData.Z, SyntheticTileData.X, SyntheticTileData.Y)["tension"];
            var area = Assert.Single(features);
            Assert.Equal(1L, Convert.ToInt64(area.Get("reports"), CultureInfo.InvariantCulture));
            Assert.Equal(2L, Convert.ToInt64(area.Get("max_level"), CultureInfo.InvariantCulture));
        }

        Assert.Equal(2L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM audit.events WHERE resource = 'tiles/tension' AND actor = 'tiles-test-planner' AND detail->>'from' = '2021-01' AND detail->>'to' = '2021-06'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE resource = 'tiles/tension' AND detail->>'cached' = 'true'"));

        // Without a range, tension is the last 365 days: the 2021 report is not in it.
        var recent = Mvt.Decode(await (await client.GetAsync(tension[..tension.IndexOf('?', StringComparison.Ordinal)], Role.Planner)).Content.ReadAsByteArrayAsync(),
            SyntheticTileData.Z, SyntheticTileData.X, SyntheticTileData.Y)["tension"];
        Assert.Equal(4L, Convert.ToInt64(Assert.Single(recent).Get("max_level"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Filters_list_the_months_held_and_the_access_kinds_and_modes_and_tension_months_only_for_those_who_see_tension()
    {
        await SeedAsync();
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);

        async Task<JsonElement> FiltersAsync(Role? role)
        {
            var response = await client.GetAsync("/api/v1/layers/filters", role);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var viewer = await FiltersAsync(null);
        var months = viewer.GetProperty("months").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(await db.ScalarAsync<string>("SELECT to_char(min(month), 'YYYY-MM') FROM risk.incidents"), months[0]);
        Assert.Equal(await db.ScalarAsync<string>("SELECT to_char(max(month), 'YYYY-MM') FROM risk.incidents"), months[^1]);
        Assert.Equal(await db.ScalarAsync<int>("SELECT ((extract(year FROM max(month)) - extract(year FROM min(month))) * 12 + extract(month FROM max(month)) - extract(month FROM min(month)) + 1)::int FROM risk.incidents"), months.Count);
        Assert.Equal(36, viewer.GetProperty("max_months").GetInt32());
        Assert.Equal(["incidents"], viewer.GetProperty("month_layers").EnumerateArray().Select(m => m.GetString()));

        var planner = await FiltersAsync(Role.Planner);
        Assert.Equal("2021-03", planner.GetProperty("months")[0].GetString());
        Assert.Contains("tension", planner.GetProperty("month_layers").EnumerateArray().Select(m => m.GetString()));

        var access = viewer.GetProperty("access").EnumerateArray()
            .SelectMany(a => a.GetProperty("modes").EnumerateArray().Select(m => a.GetProperty("kind").GetString() + "_" + m.GetString())).Order().ToList();
        var expected = new List<string>();
        await using (var cmd = db.DataSource.CreateCommand("SELECT DISTINCT kind || '_' || mode FROM access.area_stats WHERE median_s IS NOT NULL"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), access);

        using var layers = JsonDocument.Parse(await (await client.GetAsync("/api/v1/layers", Role.Planner)).Content.ReadAsStringAsync());
        var flagged = layers.RootElement.GetProperty("layers").EnumerateArray().Where(l => l.GetProperty("month_filter").GetBoolean()).Select(l => l.GetProperty("id").GetString());
        Assert.Equal(["incidents", "tension"], flagged);
    }
}
