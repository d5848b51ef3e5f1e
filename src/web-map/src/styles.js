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
