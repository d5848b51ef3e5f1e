namespace CohesionGeo.TestSupport;

/// <summary>Finds files of the sample set (<c>data/</c>) from a test or benchmark binary.</summary>
public static class DataFiles
{
    /// <summary>The full path of <c>data/<paramref name="relative"/></c>, searching upwards from the binary.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"data/{relative} not found above {AppContext.BaseDirectory}");
    }
}
