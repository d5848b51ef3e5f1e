namespace CohesionGeo.GeoApi.Hosting;

/// <summary>The first-start load steps, in order. Each feature that loads sample data adds its step here.</summary>
public static class DataLoadSteps
{
    public static IReadOnlyList<IDataLoadStep> All { get; } =
    [
        new OsmNetworkLoadStep(),
        new PlacesLoadStep(),
        new TransitLoadStep(),
        new AccessLoadStep(),
        new PoliceUkLoadStep(),
        new DocoDeriveLoadStep(),
        new TensionDemoLoadStep(),
    ];
}
