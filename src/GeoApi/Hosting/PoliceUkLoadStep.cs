using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>First start: the twelve Gwent police.uk months in <c>data/policeuk/</c>, one transaction per file.</summary>
public sealed class PoliceUkLoadStep : IDataLoadStep
{
    public string Id => "risk.police-uk";

    public string Title => "police.uk incidents";

    public async Task<string> RunAsync(NpgsqlDataSource dataSource, string dataDirectory, IProgress<double> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var files = Directory.GetFiles(Path.Combine(dataDirectory, "policeuk"), "*-street.csv").Order(StringComparer.Ordinal).ToList();
        long added = 0, present = 0, noLocation = 0;
        for (var i = 0; i < files.Count; i++)
        {
            await using var stream = File.OpenRead(files[i]);
            using var text = PoliceUkCsvReader.OpenText(stream);
            var reader = new PoliceUkCsvReader(text);
            var result = await IncidentStore.ImportPoliceUkAsync(dataSource, Path.GetFileName(files[i]), reader, acceptPartial: false, onRows: null, ct);
            if (!result.Committed)
            {
                var first = result.Errors.FirstOrDefault();
                throw new InvalidDataException($"{files[i]} was rejected: line {first?.Line}, {first?.Field}: {first?.Reason}");
            }

            added += result.Accepted;
            present += result.AlreadyPresent;
            noLocation += result.WithoutLocation;
            progress.Report((i + 1.0) / files.Count);
        }

        return $"{files.Count} files, {added} rows added ({noLocation} without a location), {present} already present";
    }
}
