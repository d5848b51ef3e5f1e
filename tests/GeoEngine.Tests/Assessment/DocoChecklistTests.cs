using CohesionGeo.GeoEngine.Assessment;

namespace CohesionGeo.GeoEngine.Tests.Assessment;

public class DocoChecklistTests
{
    private static IncidentBuffer Buffer(int metres, params (string Category, long Count)[] counts)
    {
        var monthly = new long[12];
        monthly[11] = counts.Sum(c => c.Count);
        var trend = CohesionGeo.GeoEngine.Risk.Trend.Of(monthly);
        return new IncidentBuffer(metres, monthly[11], counts.Select(c => new CategoryCount(c.Category, c.Count)).ToList(), monthly, trend);
    }

    [Fact]
    public void Evidence_turns_items_to_attention_and_each_names_its_figure()
    {
        var evidence = new DocoEvidence([Buffer(100), Buffer(250, ("Burglary", 3), ("Bicycle theft", 2)), Buffer(500, ("Burglary", 9))],
            HotAsbCells: 1, HotCrimeCells: 0, EntryPoints: 4, UnlitPaths: 2, UnknownLightingPaths: 1, Alleys: 0, Observations: 0, Applications: 0);
        var items = DocoChecklist.Build(evidence).ToDictionary(i => i.Id);

        Assert.Equal(DocoChecklist.Attention, items["permeability"].Status);
        Assert.Contains("4 footpath crossing", items["permeability"].Evidence, StringComparison.Ordinal);
        Assert.Equal(DocoChecklist.Attention, items["lighting"].Status);
        Assert.Contains("2 unlit path", items["lighting"].Evidence, StringComparison.Ordinal);
        Assert.Equal(DocoChecklist.NoEvidence, items["alleys"].Status);
        Assert.Equal(DocoChecklist.Attention, items["dwelling_security"].Status);
        Assert.Contains("3 burglary row(s) within 250 m", items["dwelling_security"].Evidence, StringComparison.Ordinal); // the 250 m buffer, not 500 m
        Assert.Equal(DocoChecklist.Attention, items["cycle_storage"].Status);
        Assert.Equal(DocoChecklist.Check, items["parking"].Status);
        Assert.Equal(DocoChecklist.Attention, items["crime_levels"].Status);
        Assert.Equal(DocoChecklist.Attention, items["trend"].Status); // all rows in the last month, none before: rising from nothing
        Assert.All(items.Values, i => Assert.False(string.IsNullOrWhiteSpace(i.TitleCy)));
    }

    [Fact]
    public void Unknown_lighting_alone_asks_the_officer_to_check()
    {
        var evidence = new DocoEvidence([], 0, 0, 0, UnlitPaths: 0, UnknownLightingPaths: 3, Alleys: 0, Observations: 1, Applications: 0);
        var items = DocoChecklist.Build(evidence).ToDictionary(i => i.Id);
        Assert.Equal(DocoChecklist.Check, items["lighting"].Status);
        Assert.Equal(DocoChecklist.Check, items["history"].Status);
        Assert.Equal(DocoChecklist.Check, items["trend"].Status);
        Assert.Equal(DocoChecklist.NoEvidence, items["permeability"].Status);
    }
}
