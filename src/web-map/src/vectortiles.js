// Catalogue layers drawn with Leaflet.VectorGrid 1.3.0 on canvas. Tiles are fetched here (not by
// VectorGrid) so that the bearer token goes with every request, 204 (empty tile) draws nothing, and a
// failed tile is reported ("tilefailed") instead of vanishing silently. Decoding: @mapbox/vector-tile.
import L from './leaflet-global.js';
import 'leaflet.vectorgrid';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { authHeaders } from './api.js';
import { styleFor } from './styles.js';

const EMPTY = { layers: {} };

const AuthorisedProtobuf = L.VectorGrid.Protobuf.extend({
  _getVectorTilePromise(coords) {
    const url = L.Util.template(this._url, { x: coords.x, y: coords.y, z: coords.z });
    return fetch(url, { headers: authHeaders(this.options.token) })
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
  return new AuthorisedProtobuf(info.tiles, {
    token,
    rendererFactory: L.canvas.tile,
    interactive: false,
    vectorTileLayerStyles: { [info.source_layer]: styleFor(info) },
    minZoom: info.min_zoom,
    maxNativeZoom: info.max_zoom,
    maxZoom: 22,
    zIndex,
    className: `cg-layer cg-layer-${info.id}`,
    keepBuffer: 1,
  });
}
