using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Store.Tiles;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// One entry of the layer catalogue. <see cref="Variants"/> are tried in order and the first whose roles the
/// caller holds is served (admins hold every role, so list the most detailed first); a caller matching none
/// may not see the layer. A layer the viewer may not see is <see cref="Restricted"/>, and every tile read of it,
/// cached or not, is written to <c>audit.events</c>.
/// </summary>
public sealed record TileLayer
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required TileGeometry Geometry { get; init; }

    public required int MinZoom { get; init; }

    public required int MaxZoom { get; init; }

    /// <summary>MVT attributes sent (the feature id is the MVT id, not an attribute).</summary>
    public required IReadOnlyList<string> Properties { get; init; }

    public required Legend Legend { get; init; }

    public required IReadOnlyList<TileVariant> Variants { get; init; }

    /// <summary><see cref="TileDataKeys"/> whose change evicts this layer's cached tiles.</summary>
    public required IReadOnlyList<string> DependsOn { get; init; }

    public required string Attribution { get; init; }

    /// <summary>The MVT layer name inside the tile (what a client styles).</summary>
    public string SourceLayer => Variants[0].Query.LayerName;

    /// <summary>Everyone who may see the layer in some form (admin always may).</summary>
    public IReadOnlyList<Role> Roles =>
        [.. Enum.GetValues<Role>().Where(r => r == Role.Admin || Variants.Any(v => v.Roles.Contains(r)))];

    /// <summary>True when every variant can be filtered by month (<c>?from=&amp;to=</c>, see <see cref="TileMonthFilter"/>).</summary>
    public bool HasMonthFilter => Variants.All(v => v.Query.ByMonth is not null);

    /// <summary>True when the anonymous viewer may not see it at all.</summary>
    public bool Restricted => VariantFor(Caller.Anonymous) is null;

    public TileVariant? VariantFor(Caller caller)
    {
        foreach (var v in Variants)
        {
            if (caller.HasAnyRole(v.Roles))
            {
                return v;
            }
        }

        return null;
    }
}
