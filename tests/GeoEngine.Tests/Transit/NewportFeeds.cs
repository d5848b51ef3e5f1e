using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Transit;

namespace CohesionGeo.GeoEngine.Tests.Transit;

/// <summary>Class fixture: the real 2024 bus and rail feeds, read once, with the router for Tuesday 5 March 2024.</summary>
public sealed class NewportFeeds
{
    public static readonly DateOnly Date = new(2024, 3, 5);

    public NewportFeeds()
    {
        Bus = GtfsReader.Read(RepoData.Path("gtfs", "newport-bus-2024.zip"), "newport-bus-2024");
        Rail = GtfsReader.Read(RepoData.Path("gtfs", "newport-rail-2024.zip"), "newport-rail-2024");
        Timetable = TimetableBuilder.Build([Bus, Rail], Date);
        Router = new TransitRouter(Timetable, new StraightLineWalkLegs(Timetable));
    }

    public GtfsFeed Bus { get; }

    public GtfsFeed Rail { get; }

    public Timetable Timetable { get; }

    public TransitRouter Router { get; }
}
