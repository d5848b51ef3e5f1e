namespace CohesionGeo.GeoApi.Security;

/// <summary>
/// Who may see what (DESIGN.md). <see cref="Viewer"/> sees aggregates only and is what an
/// anonymous caller gets; dispersal sites and raw tension reports are never served to it.
/// </summary>
public enum Role
{
    Viewer,
    Planner,
    Doco,
    CohesionLead,
    Admin,
}
