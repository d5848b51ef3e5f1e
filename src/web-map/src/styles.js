// Feature styles from the catalogue legend (colours are the catalogue's colour-blind-safe ramps:
// Paul Tol muted, viridis, ColorBrewer YlOrBr). Only widths, radii and fills are decided here.

/** The legend colour for a feature's properties, or null when the legend does not cover it. */
export function colourFor(legend, props) {
  const entries = legend?.entries ?? [];
  if (entries.length === 0) return null;
  if (legend.kind === 'single') return entries[0].colour;
  const value = props[legend.property];
  if (legend.kind === 'categories') {
    const match = entries.find((e) => e.value === String(value));
    return match ? match.colour : null;
  }
  if (legend.kind === 'graduated') {
    if (props.suppressed === true || props.suppressed === 'true') {
      const suppressed = entries.find((e) => e.value === 'suppressed');
      return suppressed ? suppressed.colour : null;
    }
    const v = Number(value);
    if (!Number.isFinite(v)) return null;
    const match = entries.find((e) => e.value === undefined && (e.from == null || v >= e.from) && (e.to == null || v < e.to));
    return match ? match.colour : null;
  }
  return entries[0].colour;
}

// ---- accessibility surfaces (access_lsoa, access_hex) -------------------------------------------
// Both layers carry one `<kind>_<mode>` attribute per service and mode (median minutes). The surface is
// coloured by the attribute the user chose (accessChoice), with the catalogue's minute bands (viridis, light =
// near); an area without a time for that choice ("no data": not computed, or not reachable) is drawn white with
// a dashed grey outline, so it never reads as a colour of the ramp.

/** The service kind and travel mode the access surfaces are coloured by (changed by the surface view). */
export const accessChoice = { kind: 'gp', mode: 'walk' };

export const NO_DATA = { fillColor: '#FFFFFF', fillOpacity: 0.55, color: '#6B6B6B', weight: 1, dashArray: '3 3', opacity: 1 };

export const isAccessLayer = (info) => info.id.startsWith('access_');

/** The attribute of the current choice, e.g. gp_walk. */
export function accessAttribute() {
  return `${accessChoice.kind}_${accessChoice.mode}`;
}

/** Minutes of an access feature for the current choice, or null for no data. */
export function accessMinutes(props) {
  const v = Number(props[accessAttribute()]);
  return props[accessAttribute()] == null || !Number.isFinite(v) ? null : v;
}

/** The ramp colour of a number of minutes on an access layer's legend, or null. */
export function accessColour(info, minutes) {
  if (minutes == null) return null;
  return colourFor({ ...info.legend, property: 'minutes' }, { minutes });
}

function access(info, props) {
  const colour = accessColour(info, accessMinutes(props));
  if (colour === null) return { ...NO_DATA, fill: true };
  return { color: colour, weight: 0.6, opacity: 1, fill: true, fillColor: colour, fillOpacity: 0.75 };
}

const ROAD_WIDTH = { major: 3.5, local: 2, service: 1.2, path: 1.4 };

function roads(colour, props, zoom) {
  const scale = zoom >= 16 ? 1.6 : zoom >= 14 ? 1.2 : 1;
  const style = { color: colour ?? '#AAAAAA', weight: (ROAD_WIDTH[props.class] ?? 1.2) * scale, opacity: 1, fill: false };
  if (props.class === 'path') style.dashArray = '4 3';
  return style;
}

/** A VectorGrid style function (properties, zoom) for a catalogue entry. */
export function styleFor(info) {
  const legend = info.legend;
  return (props, zoom) => {
    if (isAccessLayer(info)) return access(info, props);
    const colour = colourFor(legend, props);
    if (info.id === 'roads') return roads(colour, props, zoom);
    if (colour === null) return [];
    if (info.id === 'areas') return { color: colour, weight: 1.5, dashArray: '6 4', fill: false, opacity: 0.9 };
    if (info.id === 'dwellings') return { radius: zoom >= 17 ? 3 : 2, stroke: false, fill: true, fillColor: colour, fillOpacity: 0.9 };
    switch (info.geometry) {
      case 'line':
        return { color: colour, weight: 3, opacity: 1, fill: false };
      case 'point':
        return { radius: 6, color: '#1B1B1B', weight: 1, fill: true, fillColor: colour, fillOpacity: 1 };
      case 'polygon':
        return { color: colour, weight: 0.8, opacity: 0.9, fill: true, fillColor: colour, fillOpacity: 0.55 };
      default: // mixed: the renderer picks the symbolizer per feature type
        return { color: colour, weight: 3, opacity: 1, fill: true, fillColor: colour, fillOpacity: 0.3, radius: 6 };
    }
  };
}
