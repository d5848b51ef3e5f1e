// DOCO review: a planning boundary drawn on the map (leaflet-geoman) or uploaded as a GeoJSON file, plus the
// application's reference → POST /api/v1/doco/review (the evidence pack). The panel shows incidents per
// buffer and category with the 12-month trend, the police.uk caveat, the Secured by Design checklist and a
// notice when the boundary was repaired; the map shows the 100/250/500 m rings, unlit paths and alleys,
// footpath entry points and the hot spot cells touching. "Print / open evidence pack" posts the same body to
// /api/v1/doco/review.html and opens the page. Only doco, planner and admin may run it (as the API says).
import L from './leaflet-global.js';
import '@geoman-io/leaflet-geoman-free';
import { translate } from './i18n.js';
import { el } from './dom.js';
import { authHeaders } from './api.js';
import { claimMapClicks, releaseMapClicks } from './mapclicks.js';
import { CLASS_COLOURS } from './hotspots.js';

export const DOCO_ROLES = ['doco', 'planner', 'admin'];
export const MAX_FILE_BYTES = 1024 * 1024;
const TIMEOUT_MS = 60000;
// Paul Tol "bright" (colour-blind-safe): boundary blue, rings grey-blue, unlit paths purple, entry points yellow.
export const COLOURS = { boundary: '#4477AA', ring: { 100: '#222255', 250: '#4477AA', 500: '#66CCEE' }, unlit: '#AA3377', alley: '#EE6677', entry: '#CCBB44' };

class ReviewError extends Error {
  constructor(key, values = {}) {
    super(key);
    this.key = key;
    this.values = values;
  }
}

/** The polygon of an uploaded GeoJSON text, or a ReviewError with a message key. */
export function boundaryFromText(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReviewError('doco.error.notjson');
  }
  const polygons = [];
  const take = (g) => {
    if (!g || typeof g !== 'object') return;
    if (g.type === 'Polygon') polygons.push(g.coordinates);
    else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polygons.push(...g.coordinates);
  };
  if (json?.type === 'FeatureCollection' && Array.isArray(json.features)) json.features.forEach((f) => take(f?.geometry));
  else if (json?.type === 'Feature') take(json.geometry);
  else take(json);
  if (polygons.length === 0 || !polygons.every((p) => Array.isArray(p) && p.length > 0 && p.every((ring) => Array.isArray(ring)))) {
    throw new ReviewError('doco.error.notpolygon');
  }
  const positions = polygons.flat(2);
  if (!positions.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]))) {
    throw new ReviewError('doco.error.notpolygon');
  }
  if (positions.some((p) => Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)) throw new ReviewError('doco.error.crs');
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

/** A problem+json answer of the review endpoint → a message key (the API's English text is not shown). */
function problemKey(status, problem) {
  const detail = `${problem?.detail ?? ''} ${Object.values(problem?.errors ?? {}).flat().join(' ')}`;
  if (status === 401) return new ReviewError('error.token.rejected');
  if (status === 403) return new ReviewError('doco.error.forbidden');
  if (status === 503) return new ReviewError('doco.error.nodata');
  if (status === 400) {
    if (problem?.errors?.reference && !problem?.errors?.boundary) return new ReviewError('doco.error.reference');
    return new ReviewError('doco.error.notpolygon');
  }
  if (status === 422) {
    const area = /covers ([\d.]+) km²/.exec(detail);
    const max = /at most ([\d.]+) km²/.exec(detail);
    if (area) return new ReviewError('doco.error.toolarge', { area: area[1], max: max ? max[1] : '' });
    if (/outside the data extent/.test(detail)) return new ReviewError('doco.error.outside');
    return new ReviewError('doco.error.noarea');
  }
  return new ReviewError('error.api.failed', { status });
}

async function post(path, body, accept) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers: { Accept: accept, 'Content-Type': 'application/json', ...authHeaders() }, body: JSON.stringify(body), signal: controller.signal });
  } catch {
    throw new ReviewError(controller.signal.aborted ? 'error.api.slow' : 'error.api.down');
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
    throw problemKey(response.status, problem);
  }
  return response;
}

function slug(category) {
  return String(category).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function createDocoView({ map, container, getLang, getRole, showMessage, clearMessage }) {
  const state = { reference: '', drawing: false, boundary: null, source: null, busy: false, printing: false, result: null, sent: null };
  const layer = L.featureGroup().addTo(map);
  const t = (key, values) => translate(getLang(), key, values);
  const locale = () => (getLang() === 'cy' ? 'cy-GB' : 'en-GB');
  const number = (v, digits = 0) => Number(v).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const allowed = () => DOCO_ROLES.includes(getRole());
  const category = (name) => {
    const key = `doco.cat.${slug(name)}`;
    const text = t(key);
    return text === key ? name : text;
  };
  const monthName = (month) => {
    const [y, m] = month.split('-').map(Number);
    return t('month.label', { month: t(`month.${m}`), year: y });
  };

  // Geoman draws with our own buttons and hints (its tooltips are English only).
  map.pm.setGlobalOptions({ tooltips: false, snappable: false, allowSelfIntersection: true, templineStyle: { color: COLOURS.boundary }, hintlineStyle: { color: COLOURS.boundary, dashArray: '5 5' }, pathOptions: { color: COLOURS.boundary } });
  map.on('pm:create', (e) => {
    const geometry = e.layer.toGeoJSON().geometry;
    map.removeLayer(e.layer);
    state.drawing = false;
    releaseMapClicks(map, 'doco');
    state.boundary = geometry;
    state.source = 'drawn';
    render();
    if (state.reference.trim()) review();
    else focusReference('doco.error.reference');
  });
  map.on('pm:drawend', () => {
    releaseMapClicks(map, 'doco');
    if (state.drawing) {
      state.drawing = false;
      render();
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.drawing) stopDrawing();
  });

  function focusReference(key) {
    showMessage(key, { kind: 'warning' });
    document.getElementById('doco-reference')?.focus();
  }

  function startDrawing() {
    if (!allowed()) return;
    claimMapClicks(map, 'doco', stopDrawing);
    state.drawing = true;
    map.pm.enableDraw('Polygon', { finishOn: null });
    render();
    document.getElementById('doco-draw')?.focus();
  }

  function stopDrawing() {
    state.drawing = false;
    releaseMapClicks(map, 'doco');
    map.pm.disableDraw();
    render();
  }

  function body() {
    return { reference: state.reference.trim(), boundary: state.boundary };
  }

  async function review() {
    if (!state.boundary) return;
    if (!state.reference.trim()) {
      focusReference('doco.error.reference');
      return;
    }
    state.busy = true;
    state.sent = body();
    render();
    try {
      const response = await post('/api/v1/doco/review', state.sent, 'application/json');
      state.result = await response.json();
      clearMessage();
    } catch (e) {
      state.result = null;
      // A boundary the API refused is dropped (draw or upload another); after a network failure it stays, to try again.
      if (e instanceof ReviewError && e.key.startsWith('doco.error.') && e.key !== 'doco.error.reference') state.boundary = null;
      showMessage(e instanceof ReviewError ? e.key : 'error.api.down', { values: e.values ?? {} });
    } finally {
      state.busy = false;
    }
    draw();
    render();
    if (state.result) {
      // The largest ring (500 m) fills the view: hot spot cells may reach beyond it.
      const largest = state.result.buffers?.length ? L.geoJSON(state.result.buffers[state.result.buffers.length - 1].geometry).getBounds() : layer.getBounds();
      if (largest.isValid()) map.fitBounds(largest, { padding: [10, 10] });
      document.getElementById('doco-result-heading')?.focus();
    }
  }

  async function upload(file) {
    if (!file) return;
    try {
      if (file.size > MAX_FILE_BYTES) throw new ReviewError('doco.error.filesize', { size: number(Math.ceil((file.size / 1024 / 1024) * 10) / 10, 1), max: number(MAX_FILE_BYTES / 1024 / 1024, 0) });
      const geometry = boundaryFromText(await file.text());
      state.boundary = geometry;
      state.source = file.name;
      state.result = null;
      draw();
      render();
      if (state.reference.trim()) await review();
      else focusReference('doco.error.reference');
    } catch (e) {
      state.result = null;
      draw();
      render();
      showMessage(e instanceof ReviewError ? e.key : 'doco.error.notjson', { values: e.values ?? {} });
    }
  }

  async function openPack() {
    if (!state.sent) return;
    // A window opened now (in the click) is not blocked; it is pointed at the page once it has arrived.
    const win = window.open('', '_blank');
    state.printing = true;
    render();
    try {
      const response = await post('/api/v1/doco/review.html', state.sent, 'text/html');
      const blob = new Blob([await response.text()], { type: 'text/html' });
      const url = URL.createObjectURL(blob);
      state.packUrl = url;
      if (win) win.location.href = url;
      else showMessage('doco.pack.blocked', { kind: 'info' });
    } catch (e) {
      if (win) win.close();
      showMessage(e instanceof ReviewError ? e.key : 'error.api.down', { values: e.values ?? {} });
    } finally {
      state.printing = false;
      render();
    }
  }

  function clearAll() {
    state.boundary = null;
    state.source = null;
    state.result = null;
    state.sent = null;
    state.packUrl = null;
    draw();
    render();
    document.getElementById('doco-draw')?.focus();
  }

  function draw() {
    layer.clearLayers();
    const r = state.result;
    if (!r) {
      if (state.boundary) L.geoJSON(state.boundary, { style: { color: COLOURS.boundary, weight: 3, fill: false }, interactive: false, className: 'cg-doco-boundary' }).addTo(layer);
      return;
    }
    const rings = [...(r.buffers ?? [])].sort((a, b) => b.distance_metres - a.distance_metres);
    for (const ring of rings) {
      L.geoJSON(ring.geometry, {
        style: { color: COLOURS.ring[ring.distance_metres] ?? '#4477AA', weight: 2, dashArray: '6 5', fill: false },
        interactive: false,
        className: `cg-doco-buffer cg-doco-buffer-${ring.distance_metres}`,
      }).addTo(layer);
    }
    for (const cell of r.hotspots?.cells ?? []) {
      if (cell.class <= 0) continue;
      L.geoJSON(cell.geometry, { style: { color: '#555555', weight: 0.8, fillColor: CLASS_COLOURS[cell.class], fillOpacity: 0.3 }, className: 'cg-doco-hotspot' })
        .bindTooltip(() => t('doco.map.hotspot', { source: t(`hot.source.${cell.source}`), cls: t(`hot.class.${cell.class}`) }), { sticky: true })
        .addTo(layer);
    }
    L.geoJSON(r.boundary.geometry, { style: { color: COLOURS.boundary, weight: 3, fillColor: COLOURS.boundary, fillOpacity: 0.08 }, interactive: false, className: 'cg-doco-boundary' }).addTo(layer);
    for (const path of r.paths_and_alleys?.features ?? []) {
      const colour = path.kind === 'alley' ? COLOURS.alley : COLOURS.unlit;
      L.geoJSON(path.geometry, { style: { color: colour, weight: 6, opacity: 0.9 }, className: `cg-doco-path cg-doco-${path.kind}` })
        .bindTooltip(() => t(`doco.map.${path.kind}`, { name: path.name ?? path.highway ?? '', metres: number(path.distance_m) }), { sticky: true })
        .addTo(layer);
    }
    for (const p of r.entry_points ?? []) {
      L.circleMarker([p.lat, p.lon], { radius: 7, color: '#000', weight: 2, fillColor: COLOURS.entry, fillOpacity: 1, className: 'cg-doco-entry' })
        .bindTooltip(() => t('doco.map.entry', { highway: p.highway ?? '' }))
        .addTo(layer);
    }
  }

  // ---- panel ----------------------------------------------------------------------------------

  function incidentsTable(r) {
    const buffers = r.incidents ?? [];
    const table = el('table', { id: 'doco-incidents', class: 'figures' });
    table.append(el('caption', {}, t('doco.incidents.caption', { from: r.period ? monthName(r.period.from) : '', to: r.period ? monthName(r.period.to) : '' })));
    const head = el('tr');
    head.append(el('th', { scope: 'col' }, t('doco.col.category')));
    for (const b of buffers) head.append(el('th', { scope: 'col' }, t('doco.col.within', { metres: b.distance_metres })));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const tbody = el('tbody');
    const largest = buffers[buffers.length - 1];
    const names = largest ? largest.by_category.map((c) => c.category) : [];
    for (const name of names) {
      const row = el('tr', { 'data-category': name });
      row.append(el('th', { scope: 'row' }, category(name)));
      for (const b of buffers) {
        const count = b.by_category.find((c) => c.category === name)?.count ?? 0;
        row.append(el('td', { 'data-buffer': String(b.distance_metres), 'data-count': String(count) }, number(count)));
      }
      tbody.append(row);
    }
    const total = el('tr', { class: 'total', 'data-category': '' });
    total.append(el('th', { scope: 'row' }, t('doco.col.total')));
    for (const b of buffers) total.append(el('td', { 'data-buffer': String(b.distance_metres), 'data-count': String(b.total) }, number(b.total)));
    tbody.append(total);
    table.append(tbody);
    if (names.length === 0) return [table, el('p', { class: 'note' }, t('doco.incidents.none'))];
    return [table];
  }

  function trend(r) {
    const list = el('ul', { id: 'doco-trend', class: 'plain' });
    for (const b of r.incidents ?? []) {
      const tr = b.trend;
      let text;
      if (!tr) text = t('doco.trend.none');
      else if (tr.ratio == null) text = tr.recent > 0 ? t('doco.trend.new', { recent: number(tr.recent) }) : t('doco.trend.quiet');
      else text = t(tr.ratio > 1 ? 'doco.trend.up' : tr.ratio < 1 ? 'doco.trend.down' : 'doco.trend.flat', { ratio: number(tr.ratio, 2), recent: number(tr.recent), baseline: number(tr.baseline) });
      list.append(el('li', { 'data-buffer': String(b.distance_metres) }, `${t('doco.col.within', { metres: b.distance_metres })}: ${text}`));
    }
    const details = el('details', { class: 'monthly' });
    details.append(el('summary', {}, t('doco.trend.monthly')));
    const table = el('table', { class: 'figures', id: 'doco-monthly' });
    const head = el('tr');
    head.append(el('th', { scope: 'col' }, t('doco.col.month')));
    for (const b of r.incidents ?? []) head.append(el('th', { scope: 'col' }, t('doco.col.within', { metres: b.distance_metres })));
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    (r.period?.months ?? []).forEach((month, i) => {
      const row = el('tr');
      row.append(el('th', { scope: 'row' }, monthName(month)));
      for (const b of r.incidents ?? []) row.append(el('td', {}, number(b.monthly[i] ?? 0)));
      tbody.append(row);
    });
    table.append(thead, tbody);
    details.append(table);
    return [list, details];
  }

  function checklist(r) {
    const list = el('ul', { id: 'doco-checklist', class: 'checklist' });
    for (const item of r.checklist ?? []) {
      const li = el('li', { 'data-id': item.id, 'data-status': item.status });
      li.append(el('span', { class: `status status-${item.status}` }, t(`doco.status.${item.status}`)), el('strong', {}, getLang() === 'cy' ? item.title_cy : item.title_en));
      if (item.evidence) li.append(el('span', { class: 'evidence', lang: 'en' }, item.evidence));
      list.append(li);
    }
    return list;
  }

  function legend() {
    const list = el('ul', { class: 'legend', 'aria-label': t('doco.legend') });
    const entries = [
      [COLOURS.boundary, 'doco.legend.boundary', ''],
      [COLOURS.ring[100], 'doco.legend.ring', 'line', 100],
      [COLOURS.ring[250], 'doco.legend.ring', 'line', 250],
      [COLOURS.ring[500], 'doco.legend.ring', 'line', 500],
      [COLOURS.unlit, 'doco.legend.unlit', 'line'],
      [COLOURS.alley, 'doco.legend.alley', 'line'],
      [COLOURS.entry, 'doco.legend.entry', 'point'],
      [CLASS_COLOURS[3], 'doco.legend.hotspot', ''],
    ];
    for (const [colour, key, kind, metres] of entries) {
      list.append(el('li', {}, [el('span', { class: `swatch ${kind}`.trim(), style: `--swatch:${colour}`, 'aria-hidden': 'true' }), el('span', {}, t(key, { metres }))]));
    }
    return list;
  }

  function result(r) {
    const box = el('section', { id: 'doco-result', class: 'doco-result', 'aria-labelledby': 'doco-result-heading' });
    box.append(el('h4', { id: 'doco-result-heading', tabindex: '-1' }, t('doco.result.title', { reference: r.reference })));
    box.append(el('p', { class: 'note', id: 'doco-area' }, t('doco.result.area', { ha: number(r.boundary.area_m2 / 10000, 2), m2: number(r.boundary.area_m2) })));
    if (r.boundary.repaired) {
      const notice = el('p', { id: 'doco-repaired', class: 'notice', role: 'note' }, t('doco.repaired'));
      if (r.boundary.invalid_reason) notice.append(el('span', { class: 'evidence', lang: 'en' }, ` (${r.boundary.invalid_reason})`));
      box.append(notice);
    }
    const actions = el('div', { class: 'tool-buttons' });
    const pack = el('button', { type: 'button', id: 'doco-print', disabled: state.printing }, state.printing ? t('doco.pack.working') : t('doco.pack'));
    pack.addEventListener('click', openPack);
    const printView = el('button', { type: 'button', id: 'doco-print-view' }, t('doco.print.view'));
    printView.addEventListener('click', () => window.print());
    actions.append(pack, printView);
    if (state.packUrl) actions.append(el('a', { href: state.packUrl, target: '_blank', rel: 'noopener', id: 'doco-pack-link' }, t('doco.pack.link')));
    box.append(actions);
    box.append(el('h5', {}, t('doco.incidents')), ...incidentsTable(r), ...trend(r));
    box.append(el('p', { class: 'note caveat', id: 'doco-caveat' }, t('doco.caveat')));
    const paths = r.paths_and_alleys;
    const facts = el('ul', { id: 'doco-facts', class: 'plain' });
    facts.append(
      el('li', { 'data-fact': 'entry' }, t('doco.fact.entry', { n: number(r.entry_points.length) })),
      el('li', { 'data-fact': 'unlit' }, t('doco.fact.unlit', { n: number(paths.unlit_paths), metres: number(paths.within_m) })),
      el('li', { 'data-fact': 'alleys' }, t('doco.fact.alleys', { n: number(paths.alleys), metres: number(paths.within_m) })),
      el('li', { 'data-fact': 'unknown' }, t('doco.fact.unknown', { n: number(paths.unknown_lighting_paths) })),
      el('li', { 'data-fact': 'hotspots' }, t('doco.fact.hotspots', { n: number(r.hotspots.cells_touching), hot: number(r.hotspots.hot_cells), metres: number(r.hotspots.within_m) })),
      el('li', { 'data-fact': 'observations' }, t('doco.fact.observations', { n: number(r.observations.length) })),
      el('li', { 'data-fact': 'applications' }, t('doco.fact.applications', { n: number(r.applications.length) })),
    );
    box.append(el('h5', {}, t('doco.map')), facts, legend());
    box.append(el('h5', {}, t('doco.checklist')), checklist(r));
    const clear = el('button', { type: 'button', id: 'doco-clear' }, t('doco.clear'));
    clear.addEventListener('click', clearAll);
    const end = el('div', { class: 'tool-buttons' });
    end.append(clear);
    box.append(end);
    return box;
  }

  function render() {
    const focused = document.activeElement && container.contains(document.activeElement) ? document.activeElement.id : null;
    container.replaceChildren();
    const fieldset = el('fieldset', { class: 'group tool doco', 'data-group': 'doco-review' });
    fieldset.append(el('legend', {}, t('doco.title')));
    if (!allowed()) {
      const role = getRole();
      fieldset.append(el('p', { class: 'hint', id: 'doco-denied' }, role === 'viewer' || !role ? t('doco.denied.signin') : t('doco.denied.role', { role: t(`role.${role}`) })));
      container.append(fieldset);
      if (state.drawing) stopDrawing();
      if (state.result || state.boundary) {
        state.result = null;
        state.boundary = null;
        state.sent = null;
        draw();
      }
      return;
    }
    fieldset.append(el('p', { class: 'hint' }, t('doco.intro')));
    const refLabel = el('label', { for: 'doco-reference' }, t('doco.reference'));
    const ref = el('input', { id: 'doco-reference', type: 'text', maxlength: '60', autocomplete: 'off', spellcheck: 'false', value: state.reference, 'aria-describedby': 'doco-reference-hint' });
    ref.value = state.reference;
    ref.addEventListener('input', () => {
      state.reference = ref.value;
    });
    ref.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && state.boundary) review();
    });
    fieldset.append(el('div', { class: 'field' }, [refLabel, ref, el('p', { class: 'hint', id: 'doco-reference-hint' }, t('doco.reference.hint'))]));

    const buttons = el('div', { class: 'tool-buttons' });
    const drawButton = el('button', { type: 'button', id: 'doco-draw', 'aria-pressed': String(state.drawing), disabled: state.busy }, state.drawing ? t('doco.drawing.stop') : t('doco.draw'));
    drawButton.addEventListener('click', () => (state.drawing ? stopDrawing() : startDrawing()));
    buttons.append(drawButton);
    if (state.boundary && !state.busy) {
      const again = el('button', { type: 'button', id: 'doco-run' }, t('doco.run'));
      again.addEventListener('click', review);
      buttons.append(again);
    }
    fieldset.append(buttons);
    if (state.drawing) fieldset.append(el('p', { class: 'hint', id: 'doco-drawing-hint', role: 'status' }, t('doco.drawing.hint')));

    // The browser's own file button cannot be translated: the input is visually hidden (still focusable; Enter or
    // Space opens the file chooser) and its label is drawn as the button.
    const file = el('input', { id: 'doco-file', type: 'file', class: 'file-input', accept: '.geojson,.json,application/geo+json,application/json', 'aria-describedby': 'doco-file-hint', disabled: state.busy });
    file.addEventListener('change', () => {
      const chosen = file.files[0];
      file.value = '';
      upload(chosen);
    });
    const fileLabel = el('label', { for: 'doco-file', class: 'file-button' }, t('doco.upload.choose'));
    fieldset.append(el('div', { class: 'field' }, [el('span', { class: 'field-title' }, t('doco.upload')), file, fileLabel, el('p', { class: 'hint', id: 'doco-file-hint' }, t('doco.upload.hint', { max: number(MAX_FILE_BYTES / 1024 / 1024, 0) }))]));

    const status = el('div', { id: 'doco-status', 'aria-live': 'polite' });
    if (state.busy) status.append(el('p', { class: 'hint' }, t('doco.working')));
    else if (state.boundary && !state.result) status.append(el('p', { class: 'hint' }, state.source === 'drawn' ? t('doco.boundary.drawn') : t('doco.boundary.file', { name: state.source ?? '' })));
    fieldset.append(status);
    if (state.result && !state.busy) fieldset.append(result(state.result));
    container.append(fieldset);
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  render();
  return { render, state, layer, review };
}
