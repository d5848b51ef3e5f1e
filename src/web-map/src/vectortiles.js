// Catalogue layers drawn with Leaflet.VectorGrid 1.3.0 on canvas. Tiles are fetched here (not by
// VectorGrid) so that the bearer token goes with every request, 204 (empty tile) draws nothing, and a
// failed tile is reported ("tilefailed") instead of vanishing silently. Decoding: @mapbox/vector-tile.
//
// Month filter: layers whose catalogue entry has `month_filter` (incidents, incident points, tension) add
// `?from=yyyy-MM&to=yyyy-MM` to every tile URL while a range is set (setMonthRange); the server validates it.
//
// Feature clicks — a known problem of VectorGrid 1.3.0 under Leaflet 1.9, and what we do instead:
//  * With `interactive: true`, L.Canvas.Tile#_onClick calls L.DomEvent.fakeStop, which Leaflet removed in 1.8:
//    every click on a feature throws "L.DomEvent.fakeStop is not a function" (Leaflet.VectorGrid issue #274).
//  * Each tile canvas then takes pointer events itself (style.pointerEvents = 'auto'), so the tiles of the top
//    layer swallow clicks meant for the layers beneath, and Leaflet 1.9 marks renderer canvases
//    `_leaflet_disable_events`, so the map's own click handlers see nothing either.
// So tiles stay non-interactive (the map gets every click) and featuresAt() does the hit test itself: at the
// layer's tile zoom it finds the tile under the point and asks that tile's symbolizers (`_containsPoint`, the
// same geometry test Leaflet uses) which contain it. The shim below only keeps VectorGrid from throwing should
// a layer ever be made interactive.
import L from './leaflet-global.js';
import 'leaflet.vectorgrid';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { authHeaders } from './api.js';
import { styleFor } from './styles.js';

if (typeof L.DomEvent.fakeStop !== 'function') {
  // Leaflet < 1.8 API used by VectorGrid 1.3.0: mark the event as handled (what L.DomEvent.stopPropagation does).
  L.DomEvent.fakeStop = (e) => {
    e._stopped = true;
  };
}

const EMPTY = { layers: {} };
let monthQuery = ''; // 'from=2023-01&to=2023-12' or ''
const monthGrids = new Set(); // month-filtered grids created so far (few: remade only on sign-in and sign-out)

/** Canvas renderer of one tile, remembered on its element so featuresAt() can find it. */
function tileRenderer(coords, tileSize, options) {
  const renderer = L.canvas.tile(coords, tileSize, options);
  renderer.getContainer().cgRenderer = renderer;
  return renderer;
}

const AuthorisedProtobuf = L.VectorGrid.Protobuf.extend({
  /** The URL of one tile, with the month range for month-filtered layers. */
  tileUrl(coords) {
    const url = L.Util.template(this._url, { x: coords.x, y: coords.y, z: coords.z });
    return this.options.monthFilter && monthQuery ? `${url}?${monthQuery}` : url;
  },

  _getVectorTilePromise(coords) {
    return fetch(this.tileUrl(coords), { headers: authHeaders(this.options.token) })
      .then((response) => {
        if (response.status === 204) return EMPTY;
        if (!response.ok) {
          this.fire('tilefailed', { status: response.status, coords });
          return EMPTY;
        }
        return response.arrayBuffer().then((buffer) => {
          const tile = new VectorTile(new Pbf(new Uint8Array(buffer)));
          for (const name of Object.keys(tile.layers)) {
            const layer = tile.layers[name];
            const features = [];
            for (let i = 0; i < layer.length; i++) {
              const feature = layer.feature(i);
              feature.geometry = feature.loadGeometry();
              features.push(feature);
            }
            layer.features = features;
          }
          this.fire('tiledrawn', { coords });
          return tile;
        });
      })
      .catch(() => {
        this.fire('tilefailed', { status: 0, coords });
        return EMPTY;
      });
  },
});

/**
 * A map layer for one catalogue entry (from GET /api/v1/layers).
 * @param {object} info catalogue entry  @param {number} zIndex draw order (catalogue order, bottom first)
 * @param {string|null} token bearer token or null
 */
export function createVectorLayer(info, zIndex, token) {
  const grid = new AuthorisedProtobuf(info.tiles, {
    token,
    monthFilter: Boolean(info.month_filter),
    rendererFactory: tileRenderer,
    interactive: false,
    vectorTileLayerStyles: { [info.source_layer]: styleFor(info) },
    minZoom: info.min_zoom,
    maxNativeZoom: info.max_zoom,
    maxZoom: 22,
    zIndex,
    className: `cg-layer cg-layer-${info.id}`,
    keepBuffer: 1,
  });
  grid.info = info;
  if (grid.options.monthFilter) monthGrids.add(grid);
  return grid;
}

/**
 * Sets (or with null clears) the month range of the month-filtered layers and redraws those on a map.
 * @param {{from: string, to: string}|null} range months as yyyy-MM, both inclusive
 */
export function setMonthRange(range) {
  const query = range ? `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}` : '';
  if (query === monthQuery) return;
  monthQuery = query;
  // Grids off the map pick the range up when added again (their tiles are made afresh).
  for (const grid of monthGrids) if (grid._map) grid.redraw();
}

/** The month query now sent with month-filtered tiles ('' when none). */
export function currentMonthQuery() {
  return monthQuery;
}

/** Redraws a grid (new styles) if it is on a map. */
export function restyle(grid) {
  if (grid?._map) grid.redraw();
}

/**
 * The features of a grid under a map point: [{properties, type}] (type 1 point, 2 line, 3 polygon), topmost last
 * as drawn. Empty when the grid is not on the map, outside its zooms or the tile is not loaded.
 */
export function featuresAt(grid, latlng) {
  const map = grid._map;
  if (!map || grid._tileZoom === undefined) return [];
  const z = grid._tileZoom;
  const size = grid.getTileSize();
  const p = map.project(latlng, z);
  const coords = L.point(Math.floor(p.x / size.x), Math.floor(p.y / size.y));
  coords.z = z;
  const tile = grid._tiles[grid._tileCoordsToKey(coords)];
  const renderer = tile?.el?.cgRenderer;
  if (!renderer) return [];
  const local = p.subtract(coords.scaleBy(size));
  const hits = [];
  for (const layer of Object.values(renderer._layers)) {
    if (!layer._pxBounds && typeof layer.makeInteractive === 'function') layer.makeInteractive();
    if (layer._pxBounds && layer._containsPoint(local)) {
      const type = layer instanceof L.CircleMarker ? 1 : layer instanceof L.Polygon ? 3 : 2;
      hits.push({ properties: layer.properties ?? {}, type });
    }
  }
  return hits;
}
