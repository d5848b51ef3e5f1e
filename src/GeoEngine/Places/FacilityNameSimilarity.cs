namespace CohesionGeo.GeoEngine.Places;

/// <summary>
/// "A similar name" for deduplication. Names are lower-cased, split on anything that is not a
/// letter or digit, and generic words ("the", "surgery", "medical", "centre", "practice",
/// "health", "clinic", "group", "dr", "church", "school"…) are dropped. Two names are similar when
/// the distinctive words of one are all in the other, or their word sets overlap by at least half
/// (Jaccard ≥ 0.5), or their character bigrams agree (Dice ≥ 0.7) to absorb spelling variants
/// ("St Julians" / "St. Julian's"). When a name has no distinctive word left, all its words count.
/// </summary>
public static class FacilityNameSimilarity
{
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "the", "and", "of", "at", "a", "surgery", "surgeries", "medical", "centre", "center", "centres", "practice",
        "health", "healthcare", "clinic", "group", "dr", "drs", "doctors", "doctor", "partners", "partnership", "gp",
        "family", "community", "church", "chapel", "school", "primary", "infant", "infants", "junior", "comprehensive",
        "high", "club", "youth", "day", "pharmacy", "chemist", "chemists", "library", "hospital", "ysbyty", "meddygfa",
        "canolfan", "iechyd", "ltd", "limited", "cic", "uk", "newport", "branch", "main", "site", "hall",
    };

    /// <summary>True when the two names plausibly denote the same facility.</summary>
    public static bool AreSimilar(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var wa = Words(a);
        var wb = Words(b);
        if (wa.Count == 0 || wb.Count == 0)
        {
            return false;
        }

        var da = Distinctive(wa);
        var db = Distinctive(wb);
        if (da.SetEquals(db) || (da.Count > 0 && db.Count > 0 && (da.IsSubsetOf(db) || db.IsSubsetOf(da))))
        {
            return true;
        }

        var inter = da.Intersect(db).Count();
        var union = da.Union(db).Count();
        if (union > 0 && inter * 2 >= union)
        {
            return true;
        }

        return Dice(string.Concat(da.Order(StringComparer.Ordinal)), string.Concat(db.Order(StringComparer.Ordinal))) >= 0.7;
    }

    internal static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (ch is '\'' or '’')
            {
                // St Julian's → st julians
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static HashSet<string> Distinctive(List<string> words)
    {
        var set = new HashSet<string>(words.Where(w => !Generic.Contains(w)), StringComparer.Ordinal);
        return set.Count > 0 ? set : new HashSet<string>(words, StringComparer.Ordinal);
    }

    private static double Dice(string a, string b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            return a == b ? 1 : 0;
        }

        var grams = new Dictionary<(char, char), int>();
        for (var i = 0; i + 1 < a.Length; i++)
        {
            var g = (a[i], a[i + 1]);
            grams[g] = grams.GetValueOrDefault(g) + 1;
        }

        var common = 0;
        for (var i = 0; i + 1 < b.Length; i++)
        {
            var g = (b[i], b[i + 1]);
            if (grams.TryGetValue(g, out var n) && n > 0)
            {
                grams[g] = n - 1;
                common++;
            }
        }

        return 2.0 * common / (a.Length - 1 + b.Length - 1);
    }
}
