using Npgsql;
using Spectre.Console;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>Runs the load steps that this database has not completed yet, with progress bars.</summary>
public static class DataLoadPipeline
{
    /// <returns>Summaries of the steps that ran now (empty on a warm start).</returns>
    public static async Task<IReadOnlyList<string>> RunPendingAsync(
        NpgsqlDataSource dataSource, string dataDirectory, IReadOnlyList<IDataLoadStep> steps, CancellationToken ct)
    {
        var done = await CompletedAsync(dataSource, ct);
        var pending = steps.Where(s => !done.Contains(s.Id)).ToList();
        var summaries = new List<string>();
        if (pending.Count == 0)
        {
            return summaries;
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                foreach (var step in pending)
                {
                    var task = ctx.AddTask(step.Title, maxValue: 1.0);
                    var progress = new Progress<double>(v => task.Value = Math.Clamp(v, 0, 1));
                    var summary = await step.RunAsync(dataSource, dataDirectory, progress, ct);
                    task.Value = 1.0;
                    await MarkDoneAsync(dataSource, step.Id, summary, ct);
                    summaries.Add($"{step.Title}: {summary}");
                }
            });
        return summaries;
    }

    private static async Task<HashSet<string>> CompletedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = dataSource.CreateCommand("SELECT step FROM meta.load_steps");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            done.Add(reader.GetString(0));
        }

        return done;
    }

    private static async Task MarkDoneAsync(NpgsqlDataSource dataSource, string id, string summary, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "INSERT INTO meta.load_steps (step, detail) VALUES ($1, $2) ON CONFLICT (step) DO UPDATE SET completed_at = now(), detail = excluded.detail");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(summary);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
