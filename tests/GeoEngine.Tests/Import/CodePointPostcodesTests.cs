using CohesionGeo.GeoEngine.Import;

namespace CohesionGeo.GeoEngine.Tests.Import;

/// <summary>The geocoder on the real Code-Point Open files; expected coordinates are read from the raw rows.</summary>
public sealed class CodePointPostcodesTests
{
    private static readonly Lazy<CodePointPostcodes> Postcodes = new(() => CodePointPostcodes.LoadDirectory(RepoData.Path("codepoint")));

    private static (double E, double N) RawRow(string file, string quotedPostcode)
    {
        var line = File.ReadLines(RepoData.Path("codepoint", file)).First(l => l.StartsWith(quotedPostcode, StringComparison.Ordinal));
        var parts = line.Split(',');
        return (double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("NP20 4EJ", "np.csv", "\"NP204EJ\"")]   // St Paul's Clinic, Palmyra Place
    [InlineData("np203gx", "np.csv", "\"NP203GX\"")]    // Gaer Road, lower case without space
    [InlineData("CF10 1EP", "cf.csv", "\"CF101EP\"")]
    [InlineData("NP4 5AA", "np.csv", "\"NP4 5AA\"")]     // a short postcode: Code-Point pads it with a space
    public void Real_postcodes_resolve_to_their_unit(string query, string file, string raw)
    {
        var expected = RawRow(file, raw);
        Assert.True(Postcodes.Value.TryLocate(query, out var e, out var n));
        Assert.Equal(expected, (e, n));
    }

    [Theory]
    [InlineData("NP99 9ZZ")]
    [InlineData("SW1A 1AA")]   // a real postcode outside the Welsh files
    [InlineData("")]
    public void Unknown_postcodes_do_not_resolve(string query)
    {
        Assert.False(Postcodes.Value.TryLocate(query, out _, out _));
    }

    [Fact]
    public void Loads_every_row_with_coordinates()
    {
        var expected = Directory.EnumerateFiles(RepoData.Path("codepoint"), "*.csv")
            .Where(f => !System.IO.Path.GetFileName(f).Contains("Header", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Select(l => l.Split(','))
            .Where(p => p[1] != "90")
            .Select(p => p[0])
            .Distinct()
            .Count();
        Assert.Equal(expected, Postcodes.Value.Count);
    }
}
