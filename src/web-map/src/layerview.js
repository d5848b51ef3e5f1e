// Two filters of the catalogue layers, both fed by GET /api/v1/layers/filters (asked again when the role changes):
//  * the access surface (Access group): the service kind and travel mode that colour access_hex / access_lsoa,
//    with the minute bands of the catalogue's viridis ramp and a distinct "no data" entry;
//  * the month range (Risk group): from/to sliders over the months the data hold, sent as ?from=&to= with the
//    tiles of the month-filtered layers (incidents, incident points, tension); off = the layers' defaults.
import { translate, localized } from './i18n.js';
import { el, radioGroup } from './dom.js';
import { apiFetch, ApiError } from './api.js';
import { accessChoice, NO_DATA, isAccessLayer } from './styles.js';
import { setMonthRange, restyle as restyleGrid } from './vectortiles.js';

/** Travel modes in the order offered; the API's names (transit = bus or train). */
export const SURFACE_MODES = ['walk', 'transit', 'cycle', 'drive'];

export function createLayerView({ getLang, getLayers, grids, turnOn, showMessage }) {
  const state = { filters: null, loading: false, monthsOn: false, from: 0, to: 0 };
  const accessElement = el('div', { class: 'layer surface', id: 'surface', 'data-layer': 'surface' });
  const timeElement = el('div', { class: 'layer timefilter', id: 'timefilter', 'data-layer': 'timefilter' });
  const t = (key, values) => translate(getLang(), key, values);
  let timer = null;

  function monthName(month) {
    const [y, m] = month.split('-').map(Number);
    return t('month.label', { month: t(`month.${m}`), year: y });
  }

  function kindLabel(kind) {
    const facilities = (getLayers() ?? []).find((l) => l.id === 'facilities');
    const entry = facilities?.legend.entries.find((e) => e.value === kind);
    return entry ? localized(entry.label, getLang()) : kind.replaceAll('_', ' ');
  }

  function accessLayers() {
    return (getLayers() ?? []).filter(isAccessLayer);
  }

  async function refresh() {
    state.loading = true;
    try {
      state.filters = await apiFetch('/api/v1/layers/filters');
      const kinds = state.filters.access.map((a) => a.kind);
      if (kinds.length > 0 && !kinds.includes(accessChoice.kind)) accessChoice.kind = kinds[0];
      const modes = state.filters.access.find((a) => a.kind === accessChoice.kind)?.modes ?? [];
      if (modes.length > 0 && !modes.includes(accessChoice.mode)) accessChoice.mode = modes[0];
      // Off: the range offered when turned on is the last 12 months held. On: kept, within the months now held.
      const last = Math.max(0, state.filters.months.length - 1);
      if (state.monthsOn) {
        state.from = Math.min(state.from, last);
        state.to = Math.min(state.to, last);
      } else {
        state.from = Math.max(0, last - 11);
        state.to = last;
      }
    } catch (e) {
      state.filters = null;
      showMessage(e instanceof ApiError ? e.key : 'error.api.down', { values: { status: e.status ?? 0 } });
    } finally {
      state.loading = false;
    }
    restyleAccess();
    applyMonths();
    render();
  }

  function restyleAccess() {
    for (const info of accessLayers()) restyleGrid(grids.get(info.id));
  }

  // A new service keeps the mode if it has times by it, else takes its first mode with times; a mode chosen
  // outright is kept even without times (the surface then shows "no data" everywhere, and says why).
  function chooseAccess(kind, mode, exact = false) {
    accessChoice.kind = kind;
    const modes = state.filters?.access.find((a) => a.kind === kind)?.modes ?? [];
    accessChoice.mode = exact || modes.includes(mode) || modes.length === 0 ? mode : modes[0];
    // Choosing a service shows a surface: the hexagons, unless a surface is on already.
    const on = accessLayers().filter((info) => grids.get(info.id)?._map);
    if (on.length === 0 && accessLayers().length > 0) turnOn((accessLayers().find((l) => l.id === 'access_hex') ?? accessLayers()[0]).id);
    restyleAccess();
    render();
  }

  function currentRange() {
    const months = state.filters?.months ?? [];
    if (!state.monthsOn || months.length === 0) return null;
    return { from: months[Math.min(state.from, state.to)], to: months[Math.max(state.from, state.to)] };
  }

  function applyMonths() {
    setMonthRange(currentRange());
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(applyMonths, 250);
  }

  // ---- rendering ------------------------------------------------------------------------------

  function renderAccess() {
    accessElement.replaceChildren();
    accessElement.append(el('h3', { class: 'tool-title', id: 'surface-title' }, t('layer.surface.title')));
    const surfaces = state.filters?.access ?? [];
    if (accessLayers().length === 0) return;
    if (!state.filters) {
      accessElement.append(el('p', { class: 'hint' }, t(state.loading ? 'panel.loading' : 'layer.surface.unavailable')));
      return;
    }
    if (surfaces.length === 0) {
      accessElement.append(el('p', { class: 'hint', id: 'surface-none' }, t('layer.surface.none')));
      return;
    }
    accessElement.append(el('p', { class: 'hint' }, t('layer.surface.intro')));
    const kindId = 'surface-kind';
    const select = el('select', { id: kindId });
    for (const { kind } of surfaces) {
      const option = el('option', { value: kind }, kindLabel(kind));
      option.selected = kind === accessChoice.kind;
      select.append(option);
    }
    select.addEventListener('change', () => chooseAccess(select.value, accessChoice.mode));
    accessElement.append(el('div', { class: 'field' }, [el('label', { for: kindId }, t('layer.surface.kind')), select]));

    const available = surfaces.find((s) => s.kind === accessChoice.kind)?.modes ?? [];
    const modes = radioGroup({
      name: 'surface-mode',
      legend: t('layer.surface.mode'),
      options: SURFACE_MODES.map((value) => ({ value, label: available.includes(value) ? t(`layer.mode.${value}`) : t('layer.mode.missing', { mode: t(`layer.mode.${value}`) }) })),
      selected: accessChoice.mode,
      onChange: (mode) => chooseAccess(accessChoice.kind, mode, true),
    });
    accessElement.append(modes);

    const info = accessLayers()[0];
    const caption = t('layer.surface.caption', { kind: kindLabel(accessChoice.kind), mode: t(`layer.mode.${accessChoice.mode}`).toLocaleLowerCase(getLang() === 'cy' ? 'cy' : 'en') });
    const legend = el('ul', { class: 'legend', id: 'surface-legend', 'aria-label': t('layer.legend', { title: caption }) });
    for (const entry of [...info.legend.entries].reverse()) {
      legend.append(el('li', { 'data-colour': entry.colour }, [el('span', { class: 'swatch', style: `--swatch:${entry.colour}`, 'aria-hidden': 'true' }), el('span', {}, localized(entry.label, getLang()))]));
    }
    legend.append(el('li', { 'data-colour': 'none' }, [
      el('span', { class: 'swatch nodata', style: `--swatch:${NO_DATA.fillColor}`, 'aria-hidden': 'true' }),
      el('span', {}, t('layer.surface.nodata')),
    ]));
    accessElement.append(el('p', { class: 'note', id: 'surface-caption' }, caption), legend);
    if (!available.includes(accessChoice.mode)) accessElement.append(el('p', { class: 'note', id: 'surface-missing' }, t('layer.surface.missing')));
  }

  function slider(id, labelKey, index) {
    const months = state.filters.months;
    const wrap = el('div', { class: 'month' });
    const input = el('input', { type: 'range', id, min: '0', max: String(months.length - 1), step: '1', value: String(index), 'aria-valuetext': monthName(months[index]) });
    input.addEventListener('input', () => {
      let i = Number(input.value);
      const max = state.filters.max_months;
      // Keep the range within the most the server serves at once, moving the other end along.
      if (id === 'slider-from') {
        state.from = i;
        if (Math.abs(state.to - i) >= max) state.to = i + Math.sign(state.to - i) * (max - 1);
      } else {
        state.to = i;
        if (Math.abs(i - state.from) >= max) state.from = i - Math.sign(i - state.from) * (max - 1);
      }
      i = id === 'slider-from' ? state.from : state.to;
      input.setAttribute('aria-valuetext', monthName(months[i]));
      renderTime();
      schedule();
    });
    wrap.append(el('label', { for: id }, t(labelKey)), input, el('output', { for: id }, monthName(months[index])));
    return wrap;
  }

  function renderTime() {
    timeElement.replaceChildren();
    const monthLayers = state.filters?.month_layers ?? [];
    const head = el('div', { class: 'layer-head' });
    const box = el('input', { type: 'checkbox', id: 'slider-on', checked: state.monthsOn, disabled: !state.filters || state.filters.months.length === 0 });
    box.checked = state.monthsOn;
    box.addEventListener('change', () => {
      state.monthsOn = box.checked;
      if (state.monthsOn && !monthLayers.some((id) => grids.get(id)?._map) && monthLayers.includes('incidents')) turnOn('incidents');
      applyMonths();
      render();
    });
    head.append(box, el('label', { for: 'slider-on', class: 'layer-title' }, t('slider.title')));
    timeElement.append(head);
    const details = el('div', { class: 'layer-details' });
    if (!state.filters) {
      details.append(el('p', { class: 'note' }, t(state.loading ? 'panel.loading' : 'layer.surface.unavailable')));
    } else if (state.filters.months.length === 0) {
      details.append(el('p', { class: 'note', id: 'slider-none' }, t('slider.none')));
    } else if (state.monthsOn) {
      const lo = Math.min(state.from, state.to);
      const hi = Math.max(state.from, state.to);
      details.append(slider('slider-from', 'slider.from', state.from), slider('slider-to', 'slider.to', state.to));
      const months = state.filters.months;
      details.append(el('p', { class: 'note', id: 'slider-period', 'aria-live': 'polite' }, t('slider.period', { from: monthName(months[lo]), to: monthName(months[hi]), n: hi - lo + 1 })));
      details.append(el('p', { class: 'note' }, t('slider.applies', { layers: monthLayers.map((id) => localized((getLayers() ?? []).find((l) => l.id === id)?.title, getLang())).filter(Boolean).join(', ') })));
      details.append(el('p', { class: 'note' }, t('slider.max', { n: state.filters.max_months })));
    } else {
      details.append(el('p', { class: 'note', id: 'slider-off' }, t('slider.off')));
    }
    timeElement.append(details);
  }

  function render() {
    const focused = document.activeElement?.id;
    renderAccess();
    renderTime();
    if (focused) {
      const again = accessElement.querySelector(`#${focused}`) ?? timeElement.querySelector(`#${focused}`);
      if (again && again !== document.activeElement) again.focus();
    }
  }

  render();
  return { accessElement, timeElement, render, refresh, state, currentRange };
}
