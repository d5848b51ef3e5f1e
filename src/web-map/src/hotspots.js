// Risk: incident hotspots for a month range (GET /api/v1/risk/hotspots?source&from&to), chosen with two
// month sliders. The months offered are those /api/v1/risk/areas reports (the 12 up to the latest
// loaded). Cells are coloured by Gi* class with ColorBrewer RdBu (diverging, colour-blind-safe).
import L from './leaflet-global.js';
import { translate } from './i18n.js';
import { el, radioGroup } from './dom.js';
import { apiFetch, ApiError } from './api.js';

export const CLASS_COLOURS = { 3: '#B2182B', 2: '#EF8A62', 1: '#FDDBC7', 0: '#F7F7F7', '-1': '#D1E5F0', '-2': '#67A9CF', '-3': '#2166AC' };
const SOURCES = ['asb', 'crime'];

export function createHotspotView({ map, getLang, showMessage }) {
  const state = { on: false, source: 'asb', months: null, from: 0, to: 0, busy: false, result: null, requested: null };
  const layer = L.featureGroup();
  const root = document.createElement('div');
  root.className = 'layer hotspots';
  root.dataset.layer = 'hotspots';
  const t = (key, values) => translate(getLang(), key, values);
  let timer = null;
  let generation = 0;

  function monthName(month) {
    // Month names come from the resource files: not every browser's ICU has Welsh.
    const [y, m] = month.split('-').map(Number);
    return t('month.label', { month: t(`month.${m}`), year: y });
  }

  async function loadMonths() {
    try {
      const areas = await apiFetch(`/api/v1/risk/areas?source=${state.source}`);
      state.months = areas.months ?? [];
      state.from = 0;
      state.to = Math.max(0, state.months.length - 1);
    } catch (e) {
      state.months = null;
      showMessage(e instanceof ApiError ? e.key : 'error.api.down', { values: { status: e.status ?? 0 } });
    }
  }

  async function refresh() {
    if (!state.on) return;
    if (!state.months) await loadMonths();
    if (!state.months || state.months.length === 0) {
      render();
      return;
    }
    const from = state.months[Math.min(state.from, state.to)];
    const to = state.months[Math.max(state.from, state.to)];
    const url = `/api/v1/risk/hotspots?source=${state.source}&from=${from}&to=${to}`;
    const mine = ++generation;
    state.busy = true;
    render();
    try {
      const result = await apiFetch(url, { accept: 'application/geo+json, application/json', timeout: 30000 });
      if (mine !== generation) return;
      state.result = result;
      state.requested = url;
    } catch (e) {
      if (mine !== generation) return;
      state.result = null;
      showMessage(e instanceof ApiError ? e.key : 'error.api.down', { values: { status: e.status ?? 0 } });
    } finally {
      if (mine === generation) state.busy = false;
    }
    draw();
    render();
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }

  function tooltip(p) {
    const count = p.count == null ? t('hot.fewer') : t('hot.count', { count: p.count });
    return `${t(`hot.class.${p.class}`)} — ${count}`;
  }

  function draw() {
    layer.clearLayers();
    if (!state.on || !state.result) return;
    L.geoJSON(state.result, {
      style: (f) => ({ color: '#555555', weight: f.properties.class === 0 ? 0.3 : 0.8, fillColor: CLASS_COLOURS[f.properties.class] ?? '#F7F7F7', fillOpacity: f.properties.class === 0 ? 0.15 : 0.6, className: 'cg-hotspot' }),
      onEachFeature: (f, l) => l.bindTooltip(() => tooltip(f.properties), { sticky: true }),
    }).addTo(layer);
  }

  function slider(id, labelKey, index) {
    const wrap = el('div', { class: 'month' });
    const input = el('input', { type: 'range', id, min: '0', max: String(state.months.length - 1), step: '1', value: String(index), 'aria-valuetext': monthName(state.months[index]) });
    input.addEventListener('input', () => {
      const i = Number(input.value);
      if (id === 'hot-from') state.from = i;
      else state.to = i;
      input.setAttribute('aria-valuetext', monthName(state.months[i]));
      wrap.querySelector('output').textContent = monthName(state.months[i]);
      schedule();
    });
    wrap.append(el('label', { for: id }, t(labelKey)), input, el('output', { for: id }, monthName(state.months[index])));
    return wrap;
  }

  function render() {
    const focused = document.activeElement?.id;
    root.replaceChildren();
    const head = el('div', { class: 'layer-head' });
    const box = el('input', { type: 'checkbox', id: 'layer-hotspots', checked: state.on });
    box.checked = state.on;
    box.addEventListener('change', () => {
      state.on = box.checked;
      if (state.on) {
        layer.addTo(map);
        refresh();
      } else {
        map.removeLayer(layer);
        render();
      }
    });
    head.append(box, el('label', { for: 'layer-hotspots', class: 'layer-title' }, t('hot.title')));
    root.append(head);
    if (state.on) {
      const details = el('div', { class: 'layer-details' });
      const sources = radioGroup({
        name: 'hot-source',
        legend: t('hot.source'),
        options: SOURCES.map((value) => ({ value, label: t(`hot.source.${value}`) })),
        selected: state.source,
        onChange: (source) => {
          state.source = source;
          state.months = null;
          refresh();
        },
      });
      details.append(sources);
      if (state.months && state.months.length > 0) {
        details.append(slider('hot-from', 'hot.from', state.from), slider('hot-to', 'hot.to', state.to));
        const lo = Math.min(state.from, state.to);
        const hi = Math.max(state.from, state.to);
        details.append(el('p', { class: 'note', id: 'hot-period' }, t('hot.period', { from: monthName(state.months[lo]), to: monthName(state.months[hi]) })));
      } else if (state.months) {
        details.append(el('p', { class: 'note' }, t('hot.none')));
      }
      const status = el('p', { class: 'note', id: 'hot-status', 'aria-live': 'polite' });
      if (state.busy) status.textContent = t('hot.working');
      else if (state.result) {
        const cells = state.result.features;
        status.textContent = t('hot.cells', { n: cells.length, hot: cells.filter((c) => c.properties.class > 0).length, cold: cells.filter((c) => c.properties.class < 0).length });
      }
      details.append(status);
      const legend = el('ul', { class: 'legend', 'aria-label': t('layer.legend', { title: t('hot.title') }) });
      for (const c of [3, 2, 1, 0, -1, -2, -3]) {
        const li = el('li');
        li.append(el('span', { class: 'swatch', style: `--swatch:${CLASS_COLOURS[c]}`, 'aria-hidden': 'true' }), el('span', {}, t(`hot.class.${c}`)));
        legend.append(li);
      }
      details.append(legend);
      if (state.result?.caveat) details.append(el('p', { class: 'note' }, state.result.caveat));
      root.append(details);
    }
    if (focused && root.querySelector(`#${focused}`)) root.querySelector(`#${focused}`).focus();
  }

  render();
  // refresh: again for the current range, e.g. after sign-in changes what counts the caller may see.
  return { element: root, render, refresh, state, layer };
}
