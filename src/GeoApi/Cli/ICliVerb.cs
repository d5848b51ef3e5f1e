namespace CohesionGeo.GeoApi.Cli;

/// <summary>A command of <c>./cohesiongeo VERB ...</c>.</summary>
public interface ICliVerb
{
    string Name { get; }

    /// <summary>One line for the help text, including the arguments.</summary>
    string Usage { get; }

    /// <returns>The process exit code.</returns>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct);
}
