using System.Net.Http.Headers;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Tiles;

/// <summary>Requests as a given role (null = anonymous) against a running API.</summary>
internal sealed class TileClient(RunningApi api, IReadOnlyDictionary<Role, string> tokens)
{
    public static async Task<TileClient> CreateAsync(RunningApi api, TestDatabase db)
    {
        var store = new ApiUserStore(db.DataSource);
        var tokens = new Dictionary<Role, string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            tokens[role] = await store.CreateAsync("tiles-test-" + RoleNames.ToWire(role), role, CancellationToken.None);
        }

        return new TileClient(api, tokens);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, Role? role, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (role is { } r)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[r]);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await api.Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> TileAsync(string layer, Role? role, int z = SyntheticTileData.Z, int? x = null, int? y = null) =>
        GetAsync($"/tiles/{layer}/{z}/{x ?? SyntheticTileData.X}/{y ?? SyntheticTileData.Y}.mvt", role);

    /// <summary>The decoded features of one layer in the synthetic tile (empty when 204).</summary>
    public async Task<IReadOnlyList<NetTopologySuite.Features.IFeature>> FeaturesAsync(string layer, Role? role)
    {
        var response = await TileAsync(layer, role);
        Assert.True(response.IsSuccessStatusCode, $"{layer} as {role}: {(int)response.StatusCode}");
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return [];
        }

        var layers = Mvt.Decode(await response.Content.ReadAsByteArrayAsync(), SyntheticTileData.Z, SyntheticTileData.X, SyntheticTileData.Y);
        return layers.TryGetValue(layer, out var features) ? features : [];
    }
}
