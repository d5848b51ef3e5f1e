namespace CohesionGeo.GeoEngine.Network;

/// <summary>A way of travelling over the street and path network. The numeric value indexes per-mode arrays.</summary>
public enum TravelMode
{
    /// <summary>On foot (4.8 km/h by default; scalable per request).</summary>
    Walk = 0,

    /// <summary>By bicycle (speed by road class and surface).</summary>
    Cycle = 1,

    /// <summary>By car (DfT morning-peak speeds by road class, capped by <c>maxspeed</c>).</summary>
    Drive = 2,
}
