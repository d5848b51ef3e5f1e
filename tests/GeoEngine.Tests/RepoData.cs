namespace CohesionGeo.GeoEngine.Tests;

/// <summary>Finds the repository's <c>data/</c> folder from the test's output folder.</summary>
internal static class RepoData
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "CohesionGeo.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("CohesionGeo.sln not found above " + AppContext.BaseDirectory);
        }

        return System.IO.Path.Combine([dir.FullName, "data", .. parts]);
    }
}
