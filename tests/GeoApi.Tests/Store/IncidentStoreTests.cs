using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Store;

public class IncidentStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static string PoliceUkDirectory => Path.Combine(CohesionGeoOptions.FindHome(), "data", "policeuk");

    [Fact]
    public async Task The_twelve_gwent_months_load_with_counts_per_month_and_category_equal_to_the_raw_files_and_a_second_load_adds_nothing()
    {
        // Oracle: counts taken straight from the raw files with a plain split (the files have no quoted fields).
        var expected = new Dictionary<(string Month, string Category), int>();
        long rawRows = 0, rawAsb = 0, rawNoCrimeId = 0, rawNoLocation = 0;
        foreach (var file in Directory.GetFiles(PoliceUkDirectory, "*-street.csv"))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                Assert.DoesNotContain('"', line);
                var f = line.Split(',');
                Assert.Equal(12, f.Length);
                rawRows++;
                rawAsb += f[9] == "Anti-social behaviour" ? 1 : 0;
                rawNoCrimeId += f[0].Length == 0 ? 1 : 0;
                rawNoLocation += f[4].Length == 0 ? 1 : 0;
                expected[(f[1], f[9])] = expected.GetValueOrDefault((f[1], f[9])) + 1;
            }
        }

        var step = new PoliceUkLoadStep();
        var summary = await step.RunAsync(db.DataSource, Path.GetDirectoryName(PoliceUkDirectory)!, new Progress<double>(), CancellationToken.None);
        Assert.Contains($"{rawRows} rows added", summary, StringComparison.Ordinal);

        var actual = new Dictionary<(string, string), int>();
        await using (var cmd = db.DataSource.CreateCommand("SELECT to_char(month, 'YYYY-MM'), category, count(*)::int FROM risk.incidents GROUP BY 1, 2"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                actual[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
            }
        }

        Assert.Equal(expected.OrderBy(kv => kv.Key).ToList(), actual.OrderBy(kv => kv.Key).ToList());
        Assert.Equal(rawRows, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents"));
        Assert.Equal(rawAsb, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE category = 'Anti-social behaviour'"));
        Assert.Equal(rawNoCrimeId, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE crime_id IS NULL"));
        Assert.Equal(rawNoLocation, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE geom IS NULL"));
        // Points are stored in British National Grid metres and transform back to the published WGS84 snap point.
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE geom IS NOT NULL AND NOT ST_Intersects(geom, ST_MakeEnvelope(0, 0, 700000, 1300000, 27700))"));
        var sample = File.ReadLines(Directory.GetFiles(PoliceUkDirectory, "2022-07-*.csv").Single()).Skip(1).Select(l => l.Split(',')).First(f => f[0].Length > 0 && f[4].Length > 0);
        await using (var cmd = db.DataSource.CreateCommand("SELECT ST_X(ST_Transform(geom, 4326)), ST_Y(ST_Transform(geom, 4326)) FROM risk.incidents WHERE crime_id = $1 AND month = '2022-07-01' LIMIT 1"))
        {
            cmd.Parameters.AddWithValue(sample[0]);
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(double.Parse(sample[4], System.Globalization.CultureInfo.InvariantCulture), reader.GetDouble(0), 1e-7);
            Assert.Equal(double.Parse(sample[5], System.Globalization.CultureInfo.InvariantCulture), reader.GetDouble(1), 1e-7);
        }

        // Importing a month again (under another name too) adds nothing.
        var again = await ImportAsync(File.ReadAllText(Directory.GetFiles(PoliceUkDirectory, "2023-01-*.csv").Single()), "copy-of-january.csv");
        Assert.True(again.Committed);
        Assert.Equal(0, again.Accepted);
        Assert.Equal(File.ReadLines(Directory.GetFiles(PoliceUkDirectory, "2023-01-*.csv").Single()).Count() - 1, again.AlreadyPresent);
        Assert.Equal(rawRows, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents"));

        // The demo tension reports placed on this data are all synthetic and say so; a second run adds nothing.
        var demo = new TensionDemoLoadStep();
        Assert.Contains($"{TensionDemoLoadStep.Count} SYNTHETIC", await demo.RunAsync(db.DataSource, "unused", new Progress<double>(), CancellationToken.None), StringComparison.Ordinal);
        await demo.RunAsync(db.DataSource, "unused", new Progress<double>(), CancellationToken.None);
        Assert.Equal((long)TensionDemoLoadStep.Count, await db.ScalarAsync<long>("SELECT count(*) FROM risk.tension_reports"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM risk.tension_reports WHERE NOT synthetic OR summary NOT LIKE 'SYNTHETIC%' OR partner NOT LIKE 'SYNTHETIC%'"));
        Assert.Equal((long)TensionDemoLoadStep.Count, await db.ScalarAsync<long>("SELECT count(*) FROM risk.tension_report_history WHERE change = 'import'"));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_is_rejected_whole_unless_partial()
    {
        const string header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
        var good = ",2019-03,Test Police,Test Police,-3.0,51.6,On or near Test Street,W01001629,Newport 017A,Anti-social behaviour,,";
        var bad = ",2019-03,Test Police,Test Police,-3.0,fifty-one,On or near Test Street,W01001629,Newport 017A,Anti-social behaviour,,";
        var text = string.Join("\n", header, good, good, bad) + "\n";
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE month = '2019-03-01'");

        var whole = await ImportAsync(text, "bad.csv");
        Assert.False(whole.Committed);
        Assert.Equal(0, whole.Accepted);
        Assert.Equal(new ImportError(4, "Latitude", "'fifty-one' is not a number (decimal degrees, WGS84)"), Assert.Single(whole.Errors));
        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE month = '2019-03-01'"));

        var partial = await ImportAsync(text, "bad.csv", acceptPartial: true);
        Assert.True(partial.Committed);
        Assert.Equal(2, partial.Accepted);
        Assert.Equal(1, partial.Rejected);
        Assert.Equal(0, (await ImportAsync(text, "bad.csv", acceptPartial: true)).Accepted);
    }

    private async Task<ImportResult> ImportAsync(string text, string name, bool acceptPartial = false)
    {
        var reader = new PoliceUkCsvReader(new StringReader(text));
        return await IncidentStore.ImportPoliceUkAsync(db.DataSource, name, reader, acceptPartial, null, CancellationToken.None);
    }
}
