namespace CohesionGeo.GeoEngine.Places;

/// <summary>
/// One real-world facility: every source record that describes it, and the merged record.
/// <see cref="Id"/> is the <c>places.facilities.id</c> once stored (null for a new one).
/// </summary>
public sealed class FacilityCluster
{
    private readonly List<FacilityRecord> _members = [];

    internal FacilityCluster(long? id, FacilityRecord first)
    {
        Id = id;
        _members.Add(first);
    }

    public long? Id { get; internal set; }

    public string Kind => _members[0].Kind;

    /// <summary>The source records, in the order they were added (highest priority first).</summary>
    public IReadOnlyList<FacilityRecord> Members => _members;

    /// <summary>True when a record was added after the facility was created or seeded (it must be written).</summary>
    public bool Changed { get; private set; }

    internal void Add(FacilityRecord record)
    {
        _members.Add(record);
        Changed = true;
    }

    internal void MarkStored() => Changed = false;

    /// <summary>
    /// The merged record. Its source and source_ref are the first member's. Name: the first one that
    /// is not written all in capitals (NHS lists shout), else the first. Welsh name, capacity and
    /// opening hours: the first member that has one. Position: the first precise one (a mapped
    /// building or a user's lon/lat) before any postcode centroid.
    /// </summary>
    public FacilityRecord Merged
    {
        get
        {
            var first = _members[0];
            var named = _members.Where(m => m.Named).ToList();
            var name = named.FirstOrDefault(m => m.Name.Any(char.IsLower))?.Name ?? named.FirstOrDefault()?.Name ?? first.Name;
            var position = _members.FirstOrDefault(m => m.PositionPrecise) ?? first;
            return first with
            {
                Name = name,
                NameCy = _members.Select(m => m.NameCy).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)),
                Capacity = _members.Select(m => m.Capacity).FirstOrDefault(c => c is not null),
                OpeningHours = _members.Select(m => m.OpeningHours).FirstOrDefault(o => !string.IsNullOrWhiteSpace(o)),
                PracticeCode = _members.Select(m => m.PracticeCode).FirstOrDefault(c => c is not null),
                Easting = position.Easting,
                Northing = position.Northing,
                PositionPrecise = position.PositionPrecise,
                Named = named.Count > 0,
            };
        }
    }
}
