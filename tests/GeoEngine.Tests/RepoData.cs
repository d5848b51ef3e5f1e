namespace CohesionGeo.GeoEngine.Tests;

/// <summary>Finds the checkout's <c>data/</c> folder (the real Newport sample).</summary>
internal static class RepoData
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CohesionGeo.sln")))
            {
                return System.IO.Path.Combine([dir.FullName, "data", .. parts]);
            }
        }

        throw new DirectoryNotFoundException("CohesionGeo.sln not found above the test binaries.");
    }
}
