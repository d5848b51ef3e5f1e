// Isolated communities: the LSOA isolation ranking of GET /api/v1/isolation beside the map (rank, name and
// code, index, the minutes to a GP, day centre and youth club, dwellings); a row zooms the map to the area
// (its bbox from the API) and outlines it. For planner, cohesion lead and admin, "isolated and tension rising"
// switches the list to GET /api/v1/isolation/tension's isolated_and_tension_rising rows, with its CSV export.
import L from './leaflet-global.js';
import { translate } from './i18n.js';
import { el } from './dom.js';
import { apiFetch, ApiError, authHeaders } from './api.js';

export const TENSION_ROLES = ['planner', 'cohesion_lead', 'admin'];
export const PAGE = 25;
const SERVICES = ['gp', 'day_centre', 'youth_club'];

export function createIsolatedView({ map, container, getLang, getRole, showMessage }) {
  const state = { open: false, ranking: null, loading: false, shown: PAGE, rising: false, tension: null, tensionFor: null, selected: null, csvBusy: false };
  const layer = L.featureGroup().addTo(map);
  const t = (key, values) => translate(getLang(), key, values);
  const locale = () => (getLang() === 'cy' ? 'cy-GB' : 'en-GB');
  const number = (v, digits = 0) => Number(v).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const mayTension = () => TENSION_ROLES.includes(getRole());

  function fail(e) {
    showMessage(e instanceof ApiError ? e.key : 'error.api.down', { values: { status: e.status ?? 0 } });
  }

  async function loadRanking() {
    state.loading = true;
    render();
    try {
      state.ranking = await apiFetch('/api/v1/isolation?level=lsoa');
    } catch (e) {
      state.ranking = null;
      fail(e);
    } finally {
      state.loading = false;
    }
    render();
  }

  async function loadTension() {
    const role = getRole();
    state.loading = true;
    render();
    try {
      state.tension = await apiFetch('/api/v1/isolation/tension');
      state.tensionFor = role;
    } catch (e) {
      state.tension = null;
      state.rising = false;
      if (e instanceof ApiError && e.status === 503) showMessage('isolated.error.none', { kind: 'warning' });
      else if (e instanceof ApiError && e.status === 403) showMessage('isolated.error.forbidden');
      else fail(e);
    } finally {
      state.loading = false;
    }
    render();
  }

  function bboxOf(code) {
    return state.ranking?.ranking.find((r) => r.code === code)?.bbox ?? null;
  }

  function zoomTo(code) {
    state.selected = code;
    layer.clearLayers();
    const box = bboxOf(code);
    if (box) {
      const bounds = L.latLngBounds([box[1], box[0]], [box[3], box[2]]);
      L.rectangle(bounds, { color: '#332288', weight: 3, dashArray: '6 4', fill: false, interactive: false, className: 'cg-isolated-area' }).addTo(layer);
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
    } else {
      showMessage('isolated.error.nogeometry', { kind: 'warning' });
    }
    render();
  }

  async function downloadCsv() {
    state.csvBusy = true;
    render();
    try {
      let text;
      if (state.rising) {
        const response = await fetch('/api/v1/isolation/tension?format=csv', { headers: { Accept: 'text/csv', ...authHeaders() } });
        if (response.status === 401) throw new ApiError('error.token.rejected', 401);
        if (!response.ok) throw new ApiError('error.api.failed', response.status);
        text = await response.text();
      } else {
        text = rankingCsv(state.ranking?.ranking ?? []);
      }
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      const a = el('a', { href: url, download: state.rising ? 'isolated-and-tension-rising.csv' : 'isolation-ranking.csv' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      fail(e);
    } finally {
      state.csvBusy = false;
      render();
    }
  }

  function rankingCsv(rows) {
    const quote = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = ['rank,code,name,isolation_index,dwellings,gp_minutes,day_centre_minutes,youth_club_minutes'];
    for (const r of rows) {
      const minutes = SERVICES.map((k) => r.services.find((s) => s.kind === k)?.minutes ?? '');
      lines.push([r.rank, r.code, quote(r.name ?? ''), r.index, r.dwellings, ...minutes].join(','));
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  function service(s) {
    const name = t(`isolated.service.${s.kind}`);
    if (s.minutes == null) return t('isolated.service.none', { name });
    return t('isolated.service.minutes', { name, minutes: number(s.minutes, 0), mode: t(`isolated.mode.${s.mode}`) });
  }

  function rowButton(code, name, children) {
    const button = el('button', { type: 'button', class: 'area-row', 'data-code': code, 'aria-pressed': String(state.selected === code), title: t('isolated.zoom', { name: name ?? code, code }) }, children);
    button.addEventListener('click', () => zoomTo(code));
    return button;
  }

  function rankingList() {
    const rows = state.ranking.ranking;
    const list = el('ol', { id: 'isolated-list', class: 'ranked' });
    for (const r of rows.slice(0, state.shown)) {
      const li = el('li', { 'data-code': r.code, 'data-rank': String(r.rank) });
      const title = el('span', { class: 'row-title' }, [el('span', { class: 'rank' }, number(r.rank)), el('span', { class: 'name' }, `${r.name ?? r.code} (${r.code})`), el('span', { class: 'index', 'data-index': String(r.index) }, number(r.index, 1))]);
      const figures = el('span', { class: 'row-figures' }, [r.services.map(service).join(' · '), ` · ${t('isolated.dwellings', { n: number(r.dwellings) })}`].join(''));
      li.append(rowButton(r.code, r.name, [title, figures]));
      list.append(li);
    }
    const out = [el('p', { class: 'note', id: 'isolated-count' }, t('isolated.count', { shown: number(Math.min(state.shown, rows.length)), n: number(rows.length) })), list];
    if (rows.length > state.shown) {
      const more = el('button', { type: 'button', id: 'isolated-more' }, t('isolated.more', { n: number(Math.min(PAGE, rows.length - state.shown)) }));
      more.addEventListener('click', () => {
        state.shown += PAGE;
        render();
        document.querySelector(`#isolated-list li:nth-child(${state.shown - PAGE + 1}) button`)?.focus();
      });
      out.push(el('div', { class: 'tool-buttons' }, [more]));
    }
    if (rows.length === 0) out.push(el('p', { class: 'hint' }, t('isolated.empty')));
    return out;
  }

  function risingList() {
    const rows = state.tension.isolated_and_tension_rising;
    const list = el('ol', { id: 'isolated-list', class: 'ranked rising' });
    for (const r of rows) {
      const li = el('li', { 'data-code': r.code, 'data-rank': String(r.rank) });
      const title = el('span', { class: 'row-title' }, [el('span', { class: 'rank' }, number(r.rank)), el('span', { class: 'name' }, `${r.name ?? r.code} (${r.code})`), el('span', { class: 'index', 'data-index': String(r.isolation_index) }, number(r.isolation_index, 1))]);
      const asb = r.asb_trend?.ratio == null ? t('isolated.asb.count', { n: number(r.asb_count) }) : t('isolated.asb.trend', { n: number(r.asb_count), ratio: number(r.asb_trend.ratio, 2) });
      const figures = el('span', { class: 'row-figures' }, `${t('isolated.tension', { now: number(r.tension_index, 2), before: number(r.tension_index_before, 2), days: number(state.tension.days) })} · ${asb}`);
      li.append(rowButton(r.code, r.name, [title, figures]));
      list.append(li);
    }
    const out = [el('p', { class: 'note', id: 'isolated-count' }, t('isolated.rising.count', { n: number(rows.length), share: number(state.tension.isolated_share * 100), date: state.tension.as_of }))];
    if (state.tension.synthetic) out.push(el('p', { class: 'notice', id: 'isolated-synthetic' }, t('isolated.synthetic')));
    out.push(list);
    if (rows.length === 0) out.push(el('p', { class: 'hint' }, t('isolated.rising.none')));
    return out;
  }

  function render() {
    const focused = document.activeElement && container.contains(document.activeElement) ? document.activeElement.id : null;
    container.replaceChildren();
    if (!mayTension() && state.rising) {
      state.rising = false;
      state.tension = null;
    }
    if (state.tension && state.tensionFor !== getRole()) state.tension = null;
    if (state.rising && !state.tension && !state.loading) {
      loadTension();
      return;
    }
    const fieldset = el('fieldset', { class: 'group tool isolated', 'data-group': 'isolated' });
    fieldset.append(el('legend', {}, t('isolated.title')));
    fieldset.append(el('p', { class: 'hint' }, t('isolated.intro')));
    const show = el('button', { type: 'button', id: 'isolated-toggle', 'aria-expanded': String(state.open), 'aria-controls': 'isolated-body' }, state.open ? t('isolated.hide') : t('isolated.show'));
    show.addEventListener('click', () => {
      state.open = !state.open;
      if (state.open && !state.ranking && !state.loading) loadRanking();
      else render();
      if (!state.open) layer.clearLayers();
      document.getElementById('isolated-toggle')?.focus();
    });
    fieldset.append(el('div', { class: 'tool-buttons' }, [show]));
    if (state.open) {
      const bodyBox = el('div', { id: 'isolated-body' });
      if (mayTension()) {
        const box = el('input', { type: 'checkbox', id: 'isolated-rising', checked: state.rising });
        box.checked = state.rising;
        box.addEventListener('change', () => {
          state.rising = box.checked;
          render();
        });
        bodyBox.append(el('div', { class: 'layer-head' }, [box, el('label', { for: 'isolated-rising' }, t('isolated.rising'))]));
      } else {
        bodyBox.append(el('p', { class: 'note', id: 'isolated-rising-denied' }, t('isolated.rising.denied')));
      }
      if (state.loading) bodyBox.append(el('p', { class: 'hint', role: 'status' }, t('isolated.loading')));
      else if (state.rising && state.tension) bodyBox.append(...risingList());
      else if (state.ranking) bodyBox.append(...rankingList());
      if (!state.loading && ((state.rising && state.tension) || (!state.rising && state.ranking))) {
        const csv = el('button', { type: 'button', id: 'isolated-csv', disabled: state.csvBusy }, state.rising ? t('isolated.csv.rising') : t('isolated.csv'));
        csv.addEventListener('click', downloadCsv);
        bodyBox.append(el('div', { class: 'tool-buttons' }, [csv]));
        bodyBox.append(el('p', { class: 'note' }, t('isolated.method')));
      }
      fieldset.append(bodyBox);
    }
    container.append(fieldset);
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  render();
  return { render, state, layer, zoomTo };
}
