namespace CohesionGeo.GeoEngine.Places;

/// <summary>
/// Folds source records into facilities: a record joins an existing facility of the same kind when
/// one of its members lies within <see cref="PreciseToleranceM"/> (50 m) and has a similar name
/// (<see cref="FacilityNameSimilarity"/>). When either point is a postcode centroid the distance
/// allowed is <see cref="PostcodeToleranceM"/>, because a postcode unit's centroid is not the door;
/// the name must then still be similar. Hospitals are campuses: a site's entrance and the centroid
/// of its mapped outline can be far apart, so they get <see cref="CampusToleranceM"/>. Two records
/// carrying the same NHS practice code are the same practice within <see cref="CodeToleranceM"/>
/// whatever their names (practices rename and move; the 2020 list lags). An unnamed record (an OSM
/// feature without <c>name</c>) joins a facility of its kind within 50 m whatever its name.
/// When several facilities qualify, a code match wins, then a named match, then the nearest. Records are taken in the order given,
/// so callers pass the highest-priority source first (see <see cref="FacilityCluster.Merged"/>).
/// Distances are EPSG:27700 metres. A facility never absorbs two records of the same source that
/// are further apart than the precise tolerance (two branches of a chain stay two).
/// </summary>
public sealed class FacilityDeduplicator
{
    /// <summary>Same-kind records closer than this with similar names are one facility (metres).</summary>
    public const double PreciseToleranceM = 50;

    /// <summary>Tolerance when one position is a postcode centroid (metres).</summary>
    public const double PostcodeToleranceM = 200;

    /// <summary>Tolerance for hospitals (large sites) with similar names (metres).</summary>
    public const double CampusToleranceM = 300;

    /// <summary>Tolerance for two records with the same NHS practice code (metres).</summary>
    public const double CodeToleranceM = 5000;

    private readonly List<FacilityCluster> _clusters = [];
    private readonly Dictionary<string, List<FacilityCluster>> _byKind = new(StringComparer.Ordinal);

    /// <summary>Every facility, existing ones first, in order of creation.</summary>
    public IReadOnlyList<FacilityCluster> Clusters => _clusters;

    /// <summary>Adds an already stored facility with its source records (first = primary).</summary>
    public FacilityCluster Seed(long id, IReadOnlyList<FacilityRecord> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var cluster = new FacilityCluster(id, members[0]);
        for (var i = 1; i < members.Count; i++)
        {
            cluster.Add(members[i]);
        }

        cluster.MarkStored();

        Register(cluster);
        return cluster;
    }

    /// <summary>Adds a record: joins the best matching facility, or starts a new one.</summary>
    /// <returns>The facility it belongs to, and whether that facility is new.</returns>
    public (FacilityCluster Cluster, bool Created) Add(FacilityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        FacilityCluster? best = null;
        var bestDistance = double.MaxValue;
        if (_byKind.TryGetValue(record.Kind, out var sameKind))
        {
            foreach (var cluster in sameKind)
            {
                var d = MatchDistance(cluster, record);
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = cluster;
                }
            }
        }

        if (best is not null)
        {
            best.Add(record);
            return (best, false);
        }

        var created = new FacilityCluster(null, record);
        Register(created);
        return (created, true);
    }

    /// <summary>Whether two single records would be one facility (the pairwise rule).</summary>
    public static bool Matches(FacilityRecord a, FacilityRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!string.Equals(a.Kind, b.Kind, StringComparison.Ordinal))
        {
            return false;
        }

        return Score(a, b) < double.MaxValue;
    }

    /// <summary>Lower is a better match; <see cref="double.MaxValue"/> is no match.</summary>
    private static double Score(FacilityRecord a, FacilityRecord b)
    {
        var d = Distance(a, b);
        if (a.PracticeCode is not null && string.Equals(a.PracticeCode, b.PracticeCode, StringComparison.OrdinalIgnoreCase))
        {
            return d <= CodeToleranceM ? -1 : double.MaxValue;
        }

        if (a.PracticeCode is not null && b.PracticeCode is not null)
        {
            return double.MaxValue; // two different practices
        }

        if (!a.Named || !b.Named)
        {
            return d <= PreciseToleranceM ? 100_000 + d : double.MaxValue;
        }

        var tolerance = a.Kind == FacilityKinds.Hospital ? CampusToleranceM
            : a.PositionPrecise && b.PositionPrecise ? PreciseToleranceM : PostcodeToleranceM;
        return d <= tolerance && FacilityNameSimilarity.AreSimilar(a.Name, b.Name) ? d : double.MaxValue;
    }

    private static double MatchDistance(FacilityCluster cluster, FacilityRecord record)
    {
        var best = double.MaxValue;
        foreach (var m in cluster.Members)
        {
            if (string.Equals(m.Source, record.Source, StringComparison.Ordinal) && string.Equals(m.SourceRef, record.SourceRef, StringComparison.Ordinal))
            {
                return 0; // the same source row again: it belongs here
            }

            if (string.Equals(m.Source, record.Source, StringComparison.Ordinal) && Distance(m, record) > PreciseToleranceM)
            {
                return double.MaxValue; // two distinct rows of one source far apart: different facilities
            }
        }

        foreach (var m in cluster.Members)
        {
            if (string.Equals(m.Kind, record.Kind, StringComparison.Ordinal))
            {
                best = Math.Min(best, Score(m, record));
            }
        }

        return best;
    }

    private static double Distance(FacilityRecord a, FacilityRecord b)
    {
        var dx = a.Easting - b.Easting;
        var dy = a.Northing - b.Northing;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    private void Register(FacilityCluster cluster)
    {
        _clusters.Add(cluster);
        if (!_byKind.TryGetValue(cluster.Kind, out var list))
        {
            list = [];
            _byKind[cluster.Kind] = list;
        }

        list.Add(cluster);
    }
}
