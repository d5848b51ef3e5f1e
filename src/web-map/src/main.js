import L from './leaflet-global.js';
import { translate, localized, languages } from './i18n.js';
import { apiFetch, ApiError, getToken, setToken } from './api.js';
import { createVectorLayer } from './vectortiles.js';
import { renderPanel } from './panel.js';
import { createAccessView } from './access.js';
import { createHotspotView } from './hotspots.js';
import { createSiteView } from './sites.js';
import { createDocoView } from './doco.js';
import { createIsolatedView } from './isolated.js';
import { createLayerView } from './layerview.js';
import { createFeatureInfo } from './featureinfo.js';

// Newport (Gwent): the sample data set.
const NEWPORT = [51.5842, -2.9977];
const LANG_KEY = 'cohesiongeo.lang';
// Basemap: our own tiles, on by default. Everything else starts off.
const ON_BY_DEFAULT = new Set(['areas', 'roads', 'dwellings', 'facilities']);
// Attribution parts the base attribution (OSM + OGL, always shown) already covers.
const COVERED = [/OpenStreetMap/i, /Open Government Licence/i];

const state = {
  lang: localStorage.getItem(LANG_KEY) === 'cy' ? 'cy' : 'en',
  health: null,
  me: null, // {name, role, anonymous}
  role: null,
  layers: null, // catalogue as this caller sees it
  loadingLayers: true,
  settings: {}, // id -> {on, opacity}
  message: null, // {key, values, kind, retry}
  attribution: null,
};

function initialView() {
  const m = /^#(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(window.location.hash);
  return m ? { centre: [Number(m[2]), Number(m[3])], zoom: Number(m[1]) } : { centre: NEWPORT, zoom: 13 };
}

const view = initialView();
const map = L.map('map', { zoomControl: true, attributionControl: false, keyboard: true, maxZoom: 20 }).setView(view.centre, view.zoom);
const attribution = L.control.attribution({ prefix: false }).addTo(map);
map.getContainer().setAttribute('tabindex', '0');
map.on('moveend', () => {
  const c = map.getCenter();
  history.replaceState(null, '', `#${map.getZoom()}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`);
});

const grids = new Map(); // id -> VectorGrid layer
window.cohesiongeo = { map, state, grids };

const $ = (id) => document.getElementById(id);
const t = (key, values) => translate(state.lang, key, values);
const accessBox = $('access'); // the isochrone tool, shown inside the panel's Access section

// ---- messages ---------------------------------------------------------------------------------

function showMessage(key, { values = {}, kind = 'error', retry = null } = {}) {
  state.message = { key, values, kind, retry };
  renderMessage();
}

function clearMessage() {
  state.message = null;
  renderMessage();
}

function renderMessage() {
  const box = $('message');
  const m = state.message;
  if (!m) {
    box.hidden = true;
    return;
  }
  const values = Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, typeof v === 'object' && v !== null ? localized(v, state.lang) : v]));
  box.hidden = false;
  box.dataset.kind = m.kind;
  box.dataset.key = m.key;
  $('message-text').textContent = t(m.key, values);
  $('message-retry').hidden = !m.retry;
}

$('message-dismiss').addEventListener('click', clearMessage);
$('message-retry').addEventListener('click', () => {
  const retry = state.message?.retry;
  clearMessage();
  if (retry) retry();
});

function reportError(e, retry) {
  if (e instanceof ApiError) showMessage(e.key, { values: { status: e.status }, retry });
  else showMessage('error.api.down', { retry });
}

// ---- layers -----------------------------------------------------------------------------------

const failedTiles = new Map(); // id -> count since the layer was added

function settingsFor(info) {
  return state.settings[info.id] ?? (state.settings[info.id] = { on: ON_BY_DEFAULT.has(info.id), opacity: 1 });
}

function rebuildMapLayers() {
  for (const grid of grids.values()) map.removeLayer(grid);
  grids.clear();
  failedTiles.clear();
  const token = getToken();
  (state.layers ?? []).forEach((info, index) => {
    const s = settingsFor(info);
    const grid = createVectorLayer(info, index + 1, token);
    grid.on('tilefailed', () => {
      const n = (failedTiles.get(info.id) ?? 0) + 1;
      failedTiles.set(info.id, n);
      if (n === 1) showMessage('error.tiles', { values: { title: info.title }, kind: 'warning' });
    });
    grid.setOpacity(s.opacity);
    grids.set(info.id, grid);
    if (s.on) grid.addTo(map);
  });
  renderAttribution();
}

function applySetting(id, settings) {
  state.settings[id] = settings;
  const grid = grids.get(id);
  if (grid) {
    grid.setOpacity(settings.opacity);
    if (settings.on && !map.hasLayer(grid)) grid.addTo(map);
    if (!settings.on && map.hasLayer(grid)) map.removeLayer(grid);
  }
  renderAttribution();
}

async function loadLayers() {
  state.loadingLayers = true;
  renderPanelNow();
  try {
    const response = await apiFetch('/api/v1/layers');
    state.role = response.role;
    state.layers = response.layers;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && getToken()) {
      // The stored token stopped working: fall back to the public view, and say so.
      setToken(null);
      state.me = null;
      showMessage('error.token.expired');
      return loadLayers();
    }
    reportError(e, loadLayers);
  } finally {
    state.loadingLayers = false;
  }
  rebuildMapLayers();
  render();
  // Hotspot counts depend on the role (viewers get "fewer than 5"): ask again as the new caller.
  if (hotspots?.state.on) hotspots.refresh();
  layerView?.refresh(); // the months and services on offer depend on the role too
  return undefined;
}

// ---- sign-in ----------------------------------------------------------------------------------

async function loadMe() {
  try {
    state.me = await apiFetch('/api/v1/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && getToken()) {
      setToken(null);
      state.me = null;
      showMessage('error.token.expired');
    } else {
      state.me = null;
    }
  }
}

async function signIn(token) {
  if (!token) {
    showMessage('error.token.empty');
    $('token').focus();
    return;
  }
  const button = $('signin-button');
  button.disabled = true;
  button.textContent = t('auth.checking');
  try {
    const me = await apiFetch('/api/v1/me', { token });
    setToken(token);
    state.me = me;
    $('token').value = '';
    showMessage('info.signedin', { kind: 'info' });
    await loadLayers();
    $('signout').focus();
  } catch (e) {
    reportError(e, null);
    $('token').focus();
  } finally {
    button.disabled = false;
    render();
  }
}

$('signin').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('token').value.trim());
});

$('signout').addEventListener('click', async () => {
  setToken(null);
  state.me = null;
  showMessage('info.signedout', { kind: 'info' });
  await loadLayers();
  $('token').focus();
});

// ---- rendering --------------------------------------------------------------------------------

function renderAttribution() {
  const parts = [t('attribution')];
  for (const info of state.layers ?? []) {
    if (!state.settings[info.id]?.on) continue;
    for (const part of (info.attribution ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
      if (!COVERED.some((re) => re.test(part)) && !parts.includes(part)) parts.push(part);
    }
  }
  const text = parts.join('; ');
  if (text === state.attribution) return;
  if (state.attribution) attribution.removeAttribution(state.attribution);
  state.attribution = text;
  attribution.addAttribution(text);
}

let hotspots = null;
let layerView = null;

function renderPanelNow() {
  const extras = hotspots && state.layers ? { risk: hotspots.element, access: layerView.accessElement } : {};
  const extrasAfter = state.layers ? { access: accessBox, risk: layerView.timeElement } : {};
  renderPanel($('layers'), { layers: state.layers, settings: state.settings, lang: state.lang, loading: state.loadingLayers && !state.layers, onChange: applySetting, extras, extrasAfter });
}

function renderWho() {
  const signedIn = Boolean(getToken() && state.me && !state.me.anonymous);
  const role = state.me?.role ?? state.role ?? 'viewer';
  const roleText = t(`role.${role}`);
  const who = $('whoami');
  who.dataset.role = role;
  who.dataset.signedIn = String(signedIn);
  who.textContent = signedIn ? t('auth.role', { name: state.me.name, role: roleText }) : t('auth.anonymous', { role: roleText });
  $('signin').hidden = signedIn;
  $('signout').hidden = !signedIn;
}

function renderHealth() {
  const health = $('health');
  if (state.health === null) {
    health.dataset.state = 'unknown';
    health.textContent = t('health.checking');
  } else if (state.health.status === 'ok') {
    health.dataset.state = 'ok';
    health.textContent = t('health.ok', { edges: state.health.network.edges.toLocaleString(state.lang === 'cy' ? 'cy-GB' : 'en-GB') });
  } else {
    health.dataset.state = 'down';
    health.textContent = t('health.down');
  }
}

const access = createAccessView({ map, container: accessBox, getLang: () => state.lang, showMessage, clearMessage });
window.cohesiongeo.access = access;
hotspots = createHotspotView({ map, getLang: () => state.lang, showMessage });
window.cohesiongeo.hotspots = hotspots;
const sites = createSiteView({ map, container: $('site'), getLang: () => state.lang, getRole: () => (getToken() && state.me && !state.me.anonymous ? state.me.role : state.role), showMessage, clearMessage });
window.cohesiongeo.sites = sites;
const getRole = () => state.me?.role ?? state.role ?? 'viewer';
const doco = createDocoView({ map, container: $('doco'), getLang: () => state.lang, getRole, showMessage, clearMessage });
const isolated = createIsolatedView({ map, container: $('isolated'), getLang: () => state.lang, getRole, showMessage, clearMessage });
Object.assign(window.cohesiongeo, { doco, isolated });
const turnOn = (id) => { applySetting(id, { ...state.settings[id], on: true }); renderPanelNow(); };
layerView = createLayerView({ getLang: () => state.lang, getLayers: () => state.layers, grids, turnOn, showMessage });
const featureInfo = createFeatureInfo({ map, getLang: () => state.lang, getLayers: () => state.layers, grids });
Object.assign(window.cohesiongeo, { layerView, featureInfo });

function render() {
  document.documentElement.lang = state.lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  $('map').setAttribute('aria-label', t('map.label'));
  for (const [selector, key] of [['.leaflet-control-zoom-in', 'zoom.in'], ['.leaflet-control-zoom-out', 'zoom.out']]) {
    const button = document.querySelector(selector);
    if (button) {
      button.title = t(key);
      button.setAttribute('aria-label', t(key));
    }
  }
  $('lang-group').setAttribute('aria-label', t('lang.label'));
  document.querySelectorAll('.lang button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang)));
  const toggle = $('panel-toggle');
  toggle.textContent = t(toggle.getAttribute('aria-expanded') === 'true' ? 'panel.close' : 'panel.toggle');
  renderHealth();
  renderWho();
  renderPanelNow();
  access.render();
  hotspots.render();
  sites.render();
  doco.render();
  isolated.render();
  layerView.render();
  featureInfo.render();
  renderMessage();
  renderAttribution();
}

document.querySelectorAll('.lang button').forEach((b) => b.addEventListener('click', () => {
  if (!languages.includes(b.dataset.lang)) return;
  state.lang = b.dataset.lang;
  localStorage.setItem(LANG_KEY, state.lang);
  render();
}));

$('panel-toggle').addEventListener('click', () => {
  const toggle = $('panel-toggle');
  const open = toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('panel-open', open);
  render();
  if (open) $('panel').querySelector('input, button')?.focus();
});

async function checkHealth() {
  try {
    const response = await fetch('/health');
    state.health = await response.json();
  } catch {
    state.health = { status: 'down' };
  }
  render();
}

render();
checkHealth();
(async () => {
  if (getToken()) await loadMe();
  await loadLayers();
})();
