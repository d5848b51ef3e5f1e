namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// One Secured by Design-style checklist line, pre-filled from evidence. <see cref="Status"/> is
/// <c>attention</c> (the evidence points at this), <c>check</c> (the officer must judge on site or on the
/// drawings; the data cannot say) or <c>no_evidence</c> (nothing in the data; not proof of no problem).
/// </summary>
public sealed record ChecklistItem(string Id, string TitleEn, string TitleCy, string Status, string Evidence);
