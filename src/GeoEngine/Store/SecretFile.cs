namespace CohesionGeo.GeoEngine.Store;

/// <summary>Writes a secret (password, token) to a file only its owner may read (mode 0600 on Unix).</summary>
public static class SecretFile
{
    /// <param name="path">The file.</param>
    /// <param name="secret">The text written.</param>
    /// <param name="mode"><see cref="FileMode.CreateNew"/> to refuse an existing file, <see cref="FileMode.Create"/> to replace it.</param>
    public static void Write(string path, string secret, FileMode mode)
    {
        var fileOptions = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, fileOptions);
        writer.Write(secret);
    }
}
