namespace CohesionGeo.GeoEngine.Transit;

/// <summary>A walk between a point and a stop (or two stops): the stop's index in the <see cref="Timetable"/> and whole seconds.</summary>
/// <param name="Stop">Stop index.</param>
/// <param name="Seconds">Walking time in seconds.</param>
public readonly record struct StopLeg(int Stop, int Seconds);
