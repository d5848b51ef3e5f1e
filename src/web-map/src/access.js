// Access view: travel-time isochrones (POST /api/v1/isochrones) from a point chosen on the map, or the
// map centre (keyboard), by walk, cycle or drive; contours drawn with a colour-blind-safe sequential ramp
// (viridis) and their figures (area, dwellings) listed as returned by the API.
import L from './leaflet-global.js';
import { translate } from './i18n.js';
import { el, radioGroup } from './dom.js';
import { apiFetch, ApiError } from './api.js';
import { claimMapClicks, releaseMapClicks } from './mapclicks.js';

export const MODES = ['walk', 'cycle', 'drive'];
export const MINUTES = [5, 10, 15, 20, 30];
// Viridis, nearest darkest (matches the catalogue's ramp family).
const RAMP = { 5: '#440154', 10: '#3B528B', 15: '#21918C', 20: '#5EC962', 30: '#FDE725' };

export function createAccessView({ map, container, getLang, showMessage, clearMessage }) {
  const state = { mode: 'walk', picking: false, busy: false, origin: null, result: null };
  const layer = L.featureGroup().addTo(map);
  const t = (key, values) => translate(getLang(), key, values);
  const number = (v, digits) => v.toLocaleString(getLang() === 'cy' ? 'cy-GB' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

  function draw() {
    layer.clearLayers();
    if (!state.result) return;
    // Largest first, so the nearer contours sit on top.
    const features = [...state.result.features].sort((a, b) => b.properties.minutes - a.properties.minutes);
    for (const f of features) {
      const colour = RAMP[f.properties.minutes] ?? '#21918C';
      L.geoJSON(f, { style: { color: colour, weight: 1.5, fillColor: colour, fillOpacity: 0.3 }, interactive: false, className: 'cg-isochrone' }).addTo(layer);
    }
    L.circleMarker(state.origin, { radius: 7, color: '#000', weight: 2, fillColor: '#fff', fillOpacity: 1, interactive: false, className: 'cg-origin' }).addTo(layer);
  }

  async function run(latlng) {
    state.origin = [latlng.lat, latlng.lng];
    state.busy = true;
    render();
    try {
      state.result = await apiFetch('/api/v1/isochrones', {
        method: 'POST',
        body: { lon: latlng.lng, lat: latlng.lat, mode: state.mode, minutes: MINUTES },
        accept: 'application/geo+json, application/json',
        timeout: 30000,
      });
      clearMessage();
    } catch (e) {
      state.result = null;
      const mode = t(`access.mode.${state.mode}`).toLocaleLowerCase();
      if (e instanceof ApiError && e.status === 422) showMessage('error.isochrone.far', { values: { mode } });
      else if (e instanceof ApiError && e.status === 503) showMessage('error.isochrone.nonetwork');
      else if (e instanceof ApiError) showMessage(e.key, { values: { status: e.status } });
      else showMessage('error.api.down');
    } finally {
      state.busy = false;
    }
    draw();
    render();
  }

  function stopPicking() {
    state.picking = false;
    releaseMapClicks(map, 'access');
    map.off('click', onPick);
    render();
  }

  function onPick(e) {
    stopPicking();
    run(e.latlng);
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.picking) stopPicking();
  });

  function render() {
    container.replaceChildren();
    // Part of the panel's one Access section (panel.js): a sub-section, not a group of its own.
    const fieldset = el('div', { class: 'layer tool', 'data-tool': 'isochrones' });
    fieldset.append(el('h3', { class: 'tool-title' }, t('access.title')));
    fieldset.append(el('p', { class: 'hint' }, t('access.intro')));

    const modes = radioGroup({
      name: 'access-mode',
      legend: t('access.mode'),
      options: MODES.map((value) => ({ value, label: t(`access.mode.${value}`) })),
      selected: state.mode,
      onChange: (mode) => {
        state.mode = mode;
        if (state.origin && state.result) run(L.latLng(state.origin));
      },
    });
    fieldset.append(modes);

    const buttons = el('div', { class: 'tool-buttons' });
    const pick = el('button', { type: 'button', id: 'access-pick', 'aria-pressed': String(state.picking), disabled: state.busy }, state.picking ? t('access.picking') : t('access.pick'));
    pick.addEventListener('click', () => {
      if (state.picking) {
        stopPicking();
        return;
      }
      claimMapClicks(map, 'access', stopPicking);
      state.picking = true;
      map.on('click', onPick);
      render();
      document.getElementById('access-pick')?.focus();
    });
    const centre = el('button', { type: 'button', id: 'access-centre', disabled: state.busy }, t('access.centre'));
    centre.addEventListener('click', () => run(map.getCenter()));
    buttons.append(pick, centre);
    if (state.result) {
      const clear = el('button', { type: 'button', id: 'access-clear' }, t('access.clear'));
      clear.addEventListener('click', () => {
        state.result = null;
        state.origin = null;
        draw();
        render();
        document.getElementById('access-pick')?.focus();
      });
      buttons.append(clear);
    }
    fieldset.append(buttons);

    const status = el('div', { id: 'access-status', 'aria-live': 'polite' });
    if (state.busy) status.append(el('p', { class: 'hint' }, t('access.working')));
    if (state.result && !state.busy) {
      const table = el('table', { id: 'access-result', class: 'figures' });
      const mode = t(`access.mode.${state.mode}`).toLocaleLowerCase();
      table.append(el('caption', {}, t('access.result', { mode, lat: state.origin[0].toFixed(5), lon: state.origin[1].toFixed(5) })));
      const head = el('tr');
      head.append(el('th', { scope: 'col' }, t('access.col.minutes')), el('th', { scope: 'col' }, t('access.col.area')), el('th', { scope: 'col' }, t('access.col.dwellings')));
      const thead = el('thead');
      thead.append(head);
      table.append(thead);
      const body = el('tbody');
      for (const f of state.result.features) {
        const p = f.properties;
        const row = el('tr', { 'data-minutes': String(p.minutes), 'data-dwellings': p.dwellings == null ? '' : String(p.dwellings), 'data-area-km2': String(p.area_km2) });
        const swatch = el('span', { class: 'swatch', style: `--swatch:${RAMP[p.minutes] ?? '#21918C'}`, 'aria-hidden': 'true' });
        const minutes = el('th', { scope: 'row' });
        minutes.append(swatch, document.createTextNode(` ${number(p.minutes, 0)}`));
        row.append(minutes, el('td', {}, number(p.area_km2, 2)), el('td', {}, p.dwellings == null ? t('access.unknown') : number(p.dwellings, 0)));
        body.append(row);
      }
      table.append(body);
      status.append(table);
    }
    fieldset.append(status);
    container.append(fieldset);
  }

  render();
  return { render, run, state };
}
