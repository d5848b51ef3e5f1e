// Site check (issue 9, item 3): a candidate dispersal site picked on the map, at the map centre (keyboard)
// or by postcode → the dossier of POST /api/v1/sites/assess in the side panel (nearest facility per service
// and mode, flags with their why, ASB/crime within 400 m with a monthly ASB chart, hot spot class, tension,
// LSOA context); the site and its nearest facilities drawn on the map (facility positions from
// GET /api/v1/facilities; the API gives times, not route geometry, so a straight dashed line joins them).
// Up to MAX_SITES sites side by side; CSV and GeoJSON made here from the dossiers (the columns of
// /api/v1/sites/compare), so nothing is saved to the restricted sites table just to export; print view.
import L from './leaflet-global.js';
import { translate } from './i18n.js';
import { el } from './dom.js';
import { apiFetch, ApiError, getToken } from './api.js';
import { claimMapClicks, releaseMapClicks } from './mapclicks.js';

/** At most this many sites in the comparison. */
export const MAX_SITES = 5;
/** Display order of modes; the API's `transit` is shown as bus/train. */
export const MODE_ORDER = ['walk', 'transit', 'cycle', 'drive'];
/** Roles that may call /api/v1/sites/assess (admin always passes). */
export const ASSESS_ROLES = ['planner', 'cohesion_lead', 'admin'];
const ASSESS_TIMEOUT_MS = 60000;
/** The walking area drawn around a checked site, minutes. */
export const WALK_AREA_MINUTES = 15;
// Paul Tol "muted": colour-blind-safe, one colour per service kind in the order the dossier lists them.
const KIND_COLOURS = ['#332288', '#117733', '#882255', '#DDCC77', '#44AA99', '#CC6677', '#88CCEE', '#999933', '#AA4499', '#661100'];
const SVG = 'http://www.w3.org/2000/svg';

/** Modes of a response in display order (unknown ones last, as given). */
export function orderedModes(modes) {
  return [...MODE_ORDER.filter((m) => modes.includes(m)), ...modes.filter((m) => !MODE_ORDER.includes(m))];
}

/** RFC 4180 quoting as the API's SiteTable.Quote: a leading =, +, @ (or - not before a digit) gets a ' first. */
export function csvQuote(text) {
  let s = text;
  if (s.length > 0 && (s[0] === '=' || s[0] === '+' || s[0] === '@' || (s.length > 1 && s[0] === '-' && !/[0-9]/.test(s[1])))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Figures are written as the API rounded them (minutes 0.1, rates 0.01); coordinates keep their 6 decimals.
function csvValue(v) {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * The comparison table of the sites (the columns of GET /api/v1/sites/compare): one row per site.
 * @param {{label: string, lon: number, lat: number, dossier: object}[]} sites
 * @param {string[]} kinds service kinds  @param {string[]} modes modes
 */
export function siteTable(sites, kinds, modes) {
  const columns = ['id', 'name', 'lon', 'lat', 'lsoa', 'ruc', 'wimd_rank'];
  for (const kind of kinds) for (const mode of modes) columns.push(`${kind}_${mode}_minutes`, `${kind}_${mode}_within_30`);
  columns.push('asb_400m', 'asb_per_km2', 'asb_ratio_to_area', 'asb_trend', 'crime_400m', 'crime_ratio_to_area', 'hotspot_asb', 'hotspot_crime', 'tension_index', 'tension_latest_level', 'flags');
  const rows = sites.map((s) => {
    const d = s.dossier;
    const row = [d.id ?? null, s.label, d.lon, d.lat, d.lsoa?.code ?? null, d.lsoa?.ruc ?? null, d.lsoa?.wimd_rank ?? null];
    for (const kind of kinds) {
      for (const mode of modes) {
        const v = d.services?.[kind]?.[mode];
        row.push(v?.nearest?.minutes ?? null, v?.within_30_min ?? null);
      }
    }
    row.push(
      d.risk?.asb.count ?? null, d.risk?.asb.per_km2 ?? null, d.risk?.asb.ratio_to_area ?? null, d.risk?.asb.trend?.ratio ?? null,
      d.risk?.crime.count ?? null, d.risk?.crime.ratio_to_area ?? null,
      d.hotspot?.asb?.class_name ?? null, d.hotspot?.crime?.class_name ?? null,
      d.tension?.index == null ? null : Math.round(d.tension.index * 1000) / 1000, d.tension?.latest_level ?? null,
      (d.flags ?? []).map((f) => f.id).join(';'));
    return row;
  });
  return { columns, rows };
}

export function toCsv({ columns, rows }) {
  const lines = [columns.map(csvQuote).join(',')];
  for (const row of rows) lines.push(row.map((v) => csvQuote(csvValue(v))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toGeoJson({ columns, rows }, sites) {
  return {
    type: 'FeatureCollection',
    features: rows.map((row, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [sites[i].dossier.lon, sites[i].dossier.lat] },
      properties: Object.fromEntries(columns.map((c, k) => [c, row[k] ?? null])),
    })),
  };
}

export function createSiteView({ map, container, getLang, getRole, showMessage, clearMessage }) {
  const state = {
    picking: false,
    busy: false,
    postcode: '',
    current: null, // {name (postcode text, or {n, lat, lon} of a picked point), lon, lat (as the API echoes them), at (as asked), dossier, response}
    compare: [], // the same, up to MAX_SITES
    facilities: new Map(), // id -> {lon, lat, name, kind}
    facilityKinds: new Set(), // kinds already asked for
    counter: 0,
    walkArea: { on: false, busy: false, key: null, geojson: null }, // the 15-minute walking isochrone of the current site
  };
  const layer = L.featureGroup().addTo(map);
  const t = (key, values) => translate(getLang(), key, values);
  const locale = () => (getLang() === 'cy' ? 'cy-GB' : 'en-GB');
  const number = (v, digits = 0) => Number(v).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const allowed = () => ASSESS_ROLES.includes(getRole() ?? 'viewer');
  const kindLabel = (kind) => {
    const text = t(`site.service.${kind}`);
    return text === `site.service.${kind}` ? kind.replace(/_/g, ' ') : text;
  };
  const flagLabel = (id) => {
    const text = t(`site.flag.${id}`);
    return text === `site.flag.${id}` ? id.replace(/_/g, ' ') : text;
  };
  const modeLabel = (mode) => {
    const text = t(`site.mode.${mode}`);
    return text === `site.mode.${mode}` ? mode : text;
  };
  const focus = (id) => document.getElementById(id)?.focus();

  // ---- drawing --------------------------------------------------------------------------------

  function kindsOf(dossier) {
    return Object.keys(dossier?.services ?? {});
  }

  function draw() {
    layer.clearLayers();
    state.compare.forEach((s, i) => {
      if (state.current && s.lon === state.current.lon && s.lat === state.current.lat) return;
      L.circleMarker([s.lat, s.lon], { radius: 6, color: '#1d3557', weight: 2, fillColor: '#a6cee3', fillOpacity: 1, className: 'cg-compare-site' })
        .bindTooltip(t('site.compare.marker', { n: i + 1, label: labelOf(s) }))
        .addTo(layer);
    });
    const cur = state.current;
    if (!cur) return;
    const site = [cur.lat, cur.lon];
    if (state.walkArea.on && state.walkArea.geojson && state.walkArea.key === areaKey(cur)) {
      L.geoJSON(state.walkArea.geojson, { style: { color: '#21918C', weight: 1.5, fillColor: '#21918C', fillOpacity: 0.15 }, interactive: false, className: 'cg-site-isochrone' }).addTo(layer);
    }
    kindsOf(cur.dossier).forEach((kind, k) => {
      const perMode = cur.dossier.services[kind];
      // The walking nearest first; otherwise the first mode that reached one.
      const mode = ['walk', ...orderedModes(Object.keys(perMode))].find((m) => perMode[m]?.nearest);
      const nearest = mode ? perMode[mode].nearest : null;
      const where = nearest ? state.facilities.get(nearest.id) : null;
      if (!where) return;
      const colour = KIND_COLOURS[k % KIND_COLOURS.length];
      const tip = t('site.map.facility', { service: kindLabel(kind), name: nearest.name, minutes: number(nearest.minutes, 1), mode: modeLabel(mode).toLocaleLowerCase() });
      L.polyline([site, [where.lat, where.lon]], { color: colour, weight: 3, dashArray: '6 5', interactive: false, className: 'cg-site-line' }).addTo(layer);
      L.circleMarker([where.lat, where.lon], { radius: 7, color: '#1b1b1b', weight: 1.5, fillColor: colour, fillOpacity: 1, className: 'cg-site-facility' })
        .bindTooltip(tip)
        .addTo(layer);
    });
    L.circleMarker(site, { radius: 9, color: '#000', weight: 3, fillColor: '#fff', fillOpacity: 1, className: 'cg-site' })
      .bindTooltip(labelOf(cur))
      .addTo(layer);
  }

  function areaKey(site) {
    return `${site.at?.lat ?? site.lat},${site.at?.lon ?? site.lon}`;
  }

  /** The area within WALK_AREA_MINUTES on foot of the current site (POST /api/v1/isochrones), drawn under the markers. */
  async function loadWalkArea() {
    const cur = state.current;
    if (!cur || !state.walkArea.on || state.walkArea.key === areaKey(cur)) return;
    state.walkArea.busy = true;
    render();
    try {
      state.walkArea.geojson = await apiFetch('/api/v1/isochrones', {
        method: 'POST',
        body: { lon: cur.at?.lon ?? cur.lon, lat: cur.at?.lat ?? cur.lat, mode: 'walk', minutes: [WALK_AREA_MINUTES] },
        accept: 'application/geo+json, application/json',
        timeout: 30000,
      });
      state.walkArea.key = areaKey(cur);
    } catch (e) {
      state.walkArea.on = false;
      state.walkArea.geojson = null;
      state.walkArea.key = null;
      if (e instanceof ApiError && e.status === 422) showMessage('error.isochrone.far', { values: { mode: modeLabel('walk').toLocaleLowerCase() } });
      else failed(e);
    } finally {
      state.walkArea.busy = false;
    }
    draw();
    render();
    focus('site-walk-area');
  }

  /** Positions of the nearest facilities (the dossier names them by id only). Failures only leave them undrawn. */
  async function loadFacilities(dossier) {
    const kinds = kindsOf(dossier).filter((k) => !state.facilityKinds.has(k));
    await Promise.all(kinds.map(async (kind) => {
      try {
        const list = await apiFetch(`/api/v1/facilities?kind=${encodeURIComponent(kind)}`);
        for (const f of list) state.facilities.set(f.id, { lon: f.lon, lat: f.lat, name: f.name, kind: f.kind });
        state.facilityKinds.add(kind);
      } catch {
        // drawn without that kind's markers; the table still has the figures
      }
    }));
  }

  // ---- the checks -----------------------------------------------------------------------------

  function failed(e) {
    if (e instanceof ApiError && e.status === 401) showMessage(getToken() ? 'error.token.rejected' : 'site.error.signin');
    else if (e instanceof ApiError && e.status === 403) showMessage('site.error.role');
    else if (e instanceof ApiError && e.status === 422) showMessage('site.error.outside');
    else if (e instanceof ApiError && e.status === 0) showMessage(e.key);
    else if (e instanceof ApiError) showMessage('site.error.failed', { values: { status: e.status } });
    else showMessage('error.api.down');
  }

  async function check(lat, lon, name) {
    if (!allowed()) {
      showMessage(getToken() ? 'site.error.role' : 'site.error.signin');
      return;
    }
    state.busy = true;
    render();
    try {
      const response = await apiFetch('/api/v1/sites/assess', { method: 'POST', body: { sites: [{ lon, lat, name: typeof name === 'string' ? name : `point ${name.n}` }] }, timeout: ASSESS_TIMEOUT_MS });
      const dossier = response.sites?.[0];
      if (!dossier) throw new ApiError('error.api.failed', 500);
      state.current = { name, lon: dossier.lon, lat: dossier.lat, at: { lat, lon }, dossier, response };
      clearMessage();
      await loadFacilities(dossier);
    } catch (e) {
      failed(e);
    } finally {
      state.busy = false;
    }
    draw();
    render();
    if (state.current) focus('site-dossier-title');
    if (state.walkArea.on) await loadWalkArea();
  }

  /** A picked point's name: numbered, in the language of the moment (a postcode keeps its own). */
  function pointLabel(lat, lon) {
    state.counter += 1;
    return { n: state.counter, lat: lat.toFixed(5), lon: lon.toFixed(5) };
  }

  function labelOf(site) {
    return typeof site.name === 'string' ? site.name : t('site.point', site.name);
  }

  function shortLabelOf(site) {
    return typeof site.name === 'string' ? site.name : t('site.point.short', site.name);
  }

  async function checkPostcode() {
    const text = state.postcode.trim();
    if (!text) {
      showMessage('site.error.postcode.empty');
      focus('site-postcode');
      return;
    }
    if (!allowed()) {
      showMessage(getToken() ? 'site.error.role' : 'site.error.signin');
      return;
    }
    state.busy = true;
    render();
    let found = null;
    try {
      found = await apiFetch(`/api/v1/postcodes/${encodeURIComponent(text)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) showMessage('site.error.postcode.invalid', { values: { postcode: text } });
      else if (e instanceof ApiError && e.status === 404) showMessage('site.error.postcode.unknown', { values: { postcode: text.toUpperCase() } });
      else failed(e);
    }
    state.busy = false;
    if (!found) {
      render();
      focus('site-postcode');
      return;
    }
    map.setView([found.lat, found.lon], Math.max(map.getZoom(), 15));
    await check(found.lat, found.lon, found.postcode);
  }

  function stopPicking() {
    state.picking = false;
    releaseMapClicks(map, 'site');
    map.off('click', onPick);
    render();
  }

  function onPick(e) {
    stopPicking();
    check(e.latlng.lat, e.latlng.lng, pointLabel(e.latlng.lat, e.latlng.lng));
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.picking) {
      stopPicking();
      focus('site-pick');
    }
  });

  function addToCompare() {
    const cur = state.current;
    if (!cur) return;
    if (state.compare.some((s) => s.lon === cur.lon && s.lat === cur.lat)) {
      showMessage('site.error.already', { kind: 'info' });
      return;
    }
    if (state.compare.length >= MAX_SITES) {
      showMessage('site.error.max', { values: { max: MAX_SITES } });
      return;
    }
    state.compare.push(cur);
    clearMessage();
    draw();
    render();
    focus('site-add');
  }

  function removeFromCompare(index) {
    state.compare.splice(index, 1);
    draw();
    render();
    focus(state.compare.length ? 'site-compare-title' : 'site-pick');
  }

  function tableOf() {
    const kinds = [...new Set(state.compare.flatMap((s) => kindsOf(s.dossier)))].sort();
    const modes = orderedModes([...new Set(state.compare.flatMap((s) => s.response.modes ?? []))]);
    return siteTable(state.compare.map((s) => ({ ...s, label: labelOf(s) })), kinds, modes);
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function print() {
    document.body.classList.add('print-site');
    const done = () => {
      document.body.classList.remove('print-site');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  }

  // ---- rendering ------------------------------------------------------------------------------

  function asbChart(risk) {
    const months = risk.asb.monthly ?? [];
    const [startYear, startMonth] = (risk.period ?? '').split('..')[0].split('-').map(Number);
    const labels = months.map((_, i) => {
      if (!startYear) return String(i + 1);
      const m = ((startMonth - 1 + i) % 12) + 1;
      const y = startYear + Math.floor((startMonth - 1 + i) / 12);
      return t('month.label', { month: t(`month.${m}`), year: y });
    });
    const max = Math.max(1, ...months);
    const w = 240;
    const h = 60;
    const bw = w / Math.max(1, months.length);
    const figure = el('figure', { class: 'site-chart' });
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${w} ${h + 14}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-labelledby', 'site-chart-caption');
    svg.setAttribute('class', 'site-asb-chart');
    months.forEach((v, i) => {
      const bh = Math.round((v / max) * h);
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', String(i * bw + 1));
      rect.setAttribute('y', String(h - bh));
      rect.setAttribute('width', String(bw - 2));
      rect.setAttribute('height', String(Math.max(bh, v > 0 ? 1 : 0)));
      rect.setAttribute('fill', i >= months.length - 3 ? '#882255' : '#6699CC');
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${labels[i]}: ${v}`;
      rect.append(title);
      svg.append(rect);
    });
    const axis = document.createElementNS(SVG, 'line');
    for (const [k, v] of Object.entries({ x1: 0, y1: h + 0.5, x2: w, y2: h + 0.5, stroke: '#505a5f' })) axis.setAttribute(k, String(v));
    svg.append(axis);
    for (const [i, anchor] of [[0, 'start'], [months.length - 1, 'end']]) {
      if (i < 0) continue;
      const text = document.createElementNS(SVG, 'text');
      text.setAttribute('x', String(anchor === 'start' ? 0 : w));
      text.setAttribute('y', String(h + 12));
      text.setAttribute('text-anchor', anchor);
      text.setAttribute('font-size', '10');
      text.textContent = labels[i] ?? '';
      svg.append(text);
    }
    figure.append(svg);
    figure.append(el('figcaption', { id: 'site-chart-caption' }, t('site.risk.chart', { max: number(max) })));
    // The text alternative: every month and its count.
    const list = el('ul', { class: 'visually-hidden', id: 'site-chart-data' });
    months.forEach((v, i) => list.append(el('li', {}, t('site.risk.chart.month', { month: labels[i], count: number(v) }))));
    figure.append(list);
    return figure;
  }

  function servicesTable(dossier, modes) {
    const table = el('table', { id: 'site-services', class: 'figures site-services' });
    table.append(el('caption', {}, t('site.services.caption')));
    const head = el('tr', {}, [el('th', { scope: 'col' }, t('site.services.service'))]);
    for (const mode of modes) head.append(el('th', { scope: 'col', 'data-mode': mode }, modeLabel(mode)));
    table.append(el('thead', {}, [head]));
    const body = el('tbody');
    for (const kind of kindsOf(dossier)) {
      const perMode = dossier.services[kind] ?? {};
      // The row names the nearest by the first mode that reached one (walking first); a cell names its own only when it differs.
      const shown = modes.map((m) => perMode[m]?.nearest).find(Boolean) ?? null;
      const header = el('th', { scope: 'row' }, [el('span', {}, kindLabel(kind))]);
      if (shown) header.append(el('span', { class: 'site-fac' }, shown.name));
      const row = el('tr', { 'data-kind': kind }, [header]);
      for (const mode of modes) {
        const v = perMode[mode];
        const cell = el('td', {
          'data-kind': kind,
          'data-mode': mode,
          'data-minutes': v?.nearest ? String(v.nearest.minutes) : '',
          'data-within15': v?.within_15_min == null ? '' : String(v.within_15_min),
          'data-within30': v?.within_30_min == null ? '' : String(v.within_30_min),
          'data-facility': v?.nearest ? String(v.nearest.id) : '',
          title: v?.nearest ? v.nearest.name : v?.reason ?? null,
        });
        if (!v || !v.available) {
          cell.append(el('span', { class: 'site-na' }, t('site.services.na')));
        } else if (!v.nearest) {
          cell.append(el('span', { class: 'site-na' }, t('site.services.none')));
        } else {
          // The caption says minutes: the cell gives the figure alone, so four modes fit a phone-width panel.
          cell.append(el('span', { class: 'site-min', 'aria-label': t('site.services.minutes', { minutes: number(v.nearest.minutes, 1) }) }, number(v.nearest.minutes, 1)));
          cell.append(el('span', { class: 'site-counts', 'aria-label': t('site.services.counts.long', { n15: number(v.within_15_min ?? 0), n30: number(v.within_30_min ?? 0) }) },
            t('site.services.counts', { n15: number(v.within_15_min ?? 0), n30: number(v.within_30_min ?? 0) })));
          if (shown && v.nearest.id !== shown.id) cell.append(el('span', { class: 'site-fac' }, v.nearest.name));
          if (v.nearest.route_length_m != null) {
            cell.append(el('span', { class: 'site-route' }, t('site.services.route', { km: number(v.nearest.route_length_m / 1000, 2) })));
          }
        }
        row.append(cell);
      }
      body.append(row);
    }
    table.append(body);
    const wrap = el('div', { class: 'site-scroll' });
    wrap.append(table);
    return wrap;
  }

  function flagsBlock(dossier) {
    const section = el('section', { class: 'site-flags', 'aria-labelledby': 'site-flags-title' });
    section.append(el('h4', { id: 'site-flags-title' }, t('site.flags.title', { n: (dossier.flags ?? []).length })));
    if (!dossier.flags?.length) {
      section.append(el('p', { class: 'hint', id: 'site-flags-none' }, t('site.flags.none')));
      return section;
    }
    const list = el('ul', { id: 'site-flags' });
    for (const f of dossier.flags) {
      const why = el('span', { class: 'site-why', lang: 'en' }, f.why);
      list.append(el('li', { 'data-flag': f.id }, [el('strong', {}, flagLabel(f.id)), el('span', { class: 'visually-hidden' }, ': '), why]));
    }
    section.append(list);
    if (getLang() === 'cy') section.append(el('p', { class: 'note' }, t('site.flags.english')));
    return section;
  }

  // The way home: by public transport from the nearest facility of a kind back to the site in the evening window.
  function wayHomeBlock(dossier) {
    const entries = Object.entries(dossier.way_home ?? {});
    if (!entries.length) return null;
    const first = entries[0][1];
    const section = el('section', { class: 'site-wayhome', 'aria-labelledby': 'site-wayhome-title' });
    section.append(el('h4', { id: 'site-wayhome-title' }, t('site.wayhome.title')));
    section.append(el('p', { class: 'hint' }, t('site.wayhome.window', { from: first.evening_from ?? '', minutes: number(first.evening_minutes), ratio: number(first.ratio, 1) })));
    const list = el('ul', { id: 'site-wayhome', class: 'plain' });
    for (const [kind, w] of entries) {
      let text;
      if (!w.available) text = t('site.wayhome.na');
      else if (w.return_seconds == null) text = t('site.wayhome.none', { name: w.facility_name ?? '', out: number((w.outbound_seconds ?? 0) / 60, 1) });
      else text = t('site.wayhome.times', { name: w.facility_name ?? '', out: number((w.outbound_seconds ?? 0) / 60, 1), back: number(w.return_seconds / 60, 1) });
      list.append(el('li', {
        'data-kind': kind,
        'data-flagged': String(Boolean(w.flagged)),
        'data-outbound': w.outbound_seconds == null ? '' : String(w.outbound_seconds),
        'data-return': w.return_seconds == null ? '' : String(w.return_seconds),
        title: w.available ? null : w.reason ?? null,
      }, [el('strong', {}, kindLabel(kind)), document.createTextNode(`: ${text}`)]));
    }
    section.append(list);
    return section;
  }

  function hotspotText(cell) {
    if (!cell) return t('site.unknown');
    const text = t(`hot.class.${cell.class}`);
    return text === `hot.class.${cell.class}` ? cell.class_name : text;
  }

  function riskBlock(dossier, response) {
    const section = el('section', { class: 'site-risk', 'aria-labelledby': 'site-risk-title' });
    section.append(el('h4', { id: 'site-risk-title' }, t('site.risk.title')));
    const risk = dossier.risk;
    if (!risk) {
      section.append(el('p', { class: 'hint' }, t('site.risk.none')));
    } else {
      const [from, to] = (risk.period ?? response.period ?? '').split('..');
      section.append(el('p', { class: 'hint' }, t('site.risk.period', { radius: number(risk.radius_m), from: from ?? '', to: to ?? '' })));
      const dl = el('dl', { class: 'site-dl', id: 'site-risk' });
      const ratio = (v) => (v == null ? t('site.unknown') : `×${number(v, 2)}`);
      const add = (term, value, attrs = {}) => dl.append(el('dt', {}, term), el('dd', attrs, value));
      add(t('site.risk.asb'), t('site.risk.count', { count: number(risk.asb.count), per: number(risk.asb.per_km2, 1) }), { 'data-asb': String(risk.asb.count) });
      add(t('site.risk.asb.ratio'), ratio(risk.asb.ratio_to_area));
      const trend = risk.asb.trend?.ratio;
      const direction = trend == null ? 'unknown' : trend > 1.1 ? 'rising' : trend < 0.9 ? 'falling' : 'steady';
      add(t('site.risk.trend'), trend == null ? t('site.risk.trend.unknown') : t(`site.risk.trend.${direction}`, { ratio: number(trend, 2) }));
      add(t('site.risk.crime'), t('site.risk.count', { count: number(risk.crime.count), per: number(risk.crime.per_km2, 1) }), { 'data-crime': String(risk.crime.count) });
      add(t('site.risk.hot.asb'), hotspotText(dossier.hotspot?.asb));
      add(t('site.risk.hot.crime'), hotspotText(dossier.hotspot?.crime));
      section.append(dl);
      section.append(asbChart(risk));
    }
    const tension = dossier.tension;
    section.append(el('h4', {}, t('site.tension.title')));
    if (!tension || tension.reports === 0) {
      section.append(el('p', { class: 'hint', id: 'site-tension' }, t('site.tension.none')));
    } else {
      section.append(el('p', { id: 'site-tension', class: 'site-text' }, t('site.tension.text', {
        index: number(tension.index, 2), reports: number(tension.reports), level: tension.latest_level ?? t('site.unknown'), date: tension.latest_date ?? '', asof: tension.as_of,
      })));
      if (tension.synthetic) section.append(el('p', { class: 'note' }, t('site.tension.synthetic')));
    }
    return section;
  }

  function contextBlock(dossier) {
    const section = el('section', { class: 'site-context', 'aria-labelledby': 'site-context-title' });
    section.append(el('h4', { id: 'site-context-title' }, t('site.context.title')));
    const a = dossier.lsoa;
    if (!a) {
      section.append(el('p', { class: 'hint' }, t('site.context.none')));
      return section;
    }
    const name = getLang() === 'cy' ? a.name_cy ?? a.name : a.name;
    const dl = el('dl', { class: 'site-dl', id: 'site-context' });
    dl.append(el('dt', {}, t('site.context.lsoa')), el('dd', { 'data-lsoa': a.code }, name ? `${name} (${a.code})` : a.code));
    dl.append(el('dt', {}, t('site.context.ruc')), el('dd', {}, a.ruc ?? t('site.unknown')));
    dl.append(el('dt', {}, t('site.context.wimd')), el('dd', {}, a.wimd_rank == null ? t('site.unknown') : t('site.context.wimd.value', { rank: number(a.wimd_rank) })));
    if (a.population != null) dl.append(el('dt', {}, t('site.context.population')), el('dd', {}, number(a.population)));
    section.append(dl);
    return section;
  }

  function dossierBlock() {
    const cur = state.current;
    const d = cur.dossier;
    const modes = orderedModes(cur.response.modes ?? []);
    const section = el('section', { id: 'site-dossier', class: 'site-dossier', 'aria-labelledby': 'site-dossier-title' });
    section.append(el('h4', { id: 'site-dossier-title', tabindex: '-1', class: 'site-dossier-title' }, t('site.dossier.title', { label: labelOf(cur) })));
    section.append(el('p', { class: 'hint' }, t('site.dossier.where', { lat: d.lat.toFixed(5), lon: d.lon.toFixed(5) })));
    section.append(flagsBlock(d));
    section.append(servicesTable(d, modes));
    const wayHome = wayHomeBlock(d);
    if (wayHome) section.append(wayHome);
    const walk = el('input', { type: 'checkbox', id: 'site-walk-area', checked: state.walkArea.on, disabled: state.walkArea.busy });
    walk.checked = state.walkArea.on;
    walk.addEventListener('change', () => {
      state.walkArea.on = walk.checked;
      if (walk.checked) loadWalkArea();
      else {
        draw();
        render();
        focus('site-walk-area');
      }
    });
    section.append(el('div', { class: 'site-walk no-print' }, [walk, el('label', { for: 'site-walk-area' }, state.walkArea.busy ? t('site.walk.working') : t('site.walk', { minutes: WALK_AREA_MINUTES }))]));
    section.append(riskBlock(d, cur.response));
    section.append(contextBlock(d));
    if (cur.response.notes?.length) {
      const details = el('details', { class: 'site-notes' }, [el('summary', {}, t('site.notes'))]);
      const list = el('ul', { lang: 'en' });
      for (const n of cur.response.notes) list.append(el('li', {}, n));
      if (cur.response.caveat) list.append(el('li', {}, cur.response.caveat));
      details.append(list);
      section.append(details);
    }
    const buttons = el('div', { class: 'tool-buttons no-print' });
    const add = el('button', { type: 'button', id: 'site-add' }, t('site.add', { n: state.compare.length, max: MAX_SITES }));
    add.addEventListener('click', addToCompare);
    const clear = el('button', { type: 'button', id: 'site-clear' }, t('site.clear'));
    clear.addEventListener('click', () => {
      state.current = null;
      draw();
      render();
      focus('site-pick');
    });
    buttons.append(add, clear);
    section.append(buttons);
    return section;
  }

  function compareBlock() {
    const section = el('section', { id: 'site-comparison', class: 'site-comparison', 'aria-labelledby': 'site-compare-title' });
    section.append(el('h4', { id: 'site-compare-title', tabindex: '-1' }, t('site.compare.title', { n: state.compare.length, max: MAX_SITES })));
    const kinds = [...new Set(state.compare.flatMap((s) => kindsOf(s.dossier)))].sort();
    const modes = orderedModes([...new Set(state.compare.flatMap((s) => s.response.modes ?? []))]);
    const table = el('table', { id: 'site-compare', class: 'figures site-compare' });
    table.append(el('caption', { class: 'visually-hidden' }, t('site.compare.caption')));
    const head = el('tr', {}, [el('td', {})]);
    state.compare.forEach((s, i) => {
      const remove = el('button', { type: 'button', class: 'site-remove no-print', 'data-remove': String(i), 'aria-label': t('site.compare.remove', { label: labelOf(s) }) }, '×');
      remove.addEventListener('click', () => removeFromCompare(i));
      head.append(el('th', { scope: 'col', 'data-site': String(i) }, [
        el('span', { class: 'site-col' }, shortLabelOf(s)),
        el('span', { class: 'site-fac' }, `${s.lat.toFixed(5)}, ${s.lon.toFixed(5)}`),
        remove]));
    });
    table.append(el('thead', {}, [head]));
    const body = el('tbody');
    const row = (label, values, attrs = {}) => {
      const tr = el('tr', attrs, [el('th', { scope: 'row' }, label)]);
      values.forEach((v) => tr.append(typeof v === 'string' ? el('td', {}, v) : v));
      body.append(tr);
    };
    row(t('site.context.lsoa'), state.compare.map((s) => s.dossier.lsoa?.code ?? t('site.unknown')));
    row(t('site.context.ruc'), state.compare.map((s) => s.dossier.lsoa?.ruc ?? t('site.unknown')));
    row(t('site.context.wimd'), state.compare.map((s) => (s.dossier.lsoa?.wimd_rank == null ? t('site.unknown') : number(s.dossier.lsoa.wimd_rank))));
    // A mode no site could use (e.g. bus/train with no timetable loaded) is one note, not a row per service.
    const usable = modes.filter((mode) => state.compare.some((s) => kinds.some((kind) => s.dossier.services?.[kind]?.[mode]?.available)));
    for (const kind of kinds) {
      for (const mode of usable) {
        row(t('site.compare.service', { service: kindLabel(kind), mode: modeLabel(mode).toLocaleLowerCase() }), state.compare.map((s) => {
          const v = s.dossier.services?.[kind]?.[mode];
          const td = el('td', { 'data-kind': kind, 'data-mode': mode, 'data-minutes': v?.nearest ? String(v.nearest.minutes) : '', title: v?.nearest?.name ?? v?.reason ?? null });
          td.textContent = !v?.available ? t('site.services.na') : v.nearest ? number(v.nearest.minutes, 1) : t('site.services.none');
          return td;
        }), { 'data-kind': kind, 'data-mode': mode });
      }
    }
    row(t('site.risk.asb'), state.compare.map((s) => (s.dossier.risk ? number(s.dossier.risk.asb.count) : t('site.unknown'))));
    row(t('site.risk.trend'), state.compare.map((s) => (s.dossier.risk?.asb.trend?.ratio == null ? t('site.unknown') : `×${number(s.dossier.risk.asb.trend.ratio, 2)}`)));
    row(t('site.risk.crime'), state.compare.map((s) => (s.dossier.risk ? number(s.dossier.risk.crime.count) : t('site.unknown'))));
    row(t('site.risk.hot.asb'), state.compare.map((s) => hotspotText(s.dossier.hotspot?.asb)));
    row(t('site.tension.index'), state.compare.map((s) => (s.dossier.tension && s.dossier.tension.reports > 0 ? number(s.dossier.tension.index, 2) : t('site.tension.none.short'))));
    row(t('site.flags.short'), state.compare.map((s) => (s.dossier.flags?.length ? s.dossier.flags.map((f) => flagLabel(f.id)).join(', ') : t('site.flags.none.short'))));
    table.append(body);
    const wrap = el('div', { class: 'site-scroll' });
    wrap.append(table);
    section.append(wrap);
    section.append(el('p', { class: 'note' }, t('site.compare.minutes')));
    for (const mode of modes.filter((m) => !usable.includes(m))) {
      section.append(el('p', { class: 'note', 'data-unavailable': mode }, t('site.compare.unavailable', { mode: modeLabel(mode) })));
    }

    const buttons = el('div', { class: 'tool-buttons no-print' });
    const csv = el('button', { type: 'button', id: 'site-export-csv' }, t('site.export.csv'));
    csv.addEventListener('click', () => download('cohesiongeo-sites.csv', 'text/csv;charset=utf-8', toCsv(tableOf())));
    const geojson = el('button', { type: 'button', id: 'site-export-geojson' }, t('site.export.geojson'));
    geojson.addEventListener('click', () => download('cohesiongeo-sites.geojson', 'application/geo+json', JSON.stringify(toGeoJson(tableOf(), state.compare))));
    const printButton = el('button', { type: 'button', id: 'site-print' }, t('site.print'));
    printButton.addEventListener('click', print);
    const clear = el('button', { type: 'button', id: 'site-compare-clear' }, t('site.compare.clear'));
    clear.addEventListener('click', () => {
      state.compare = [];
      draw();
      render();
      focus('site-pick');
    });
    buttons.append(csv, geojson, printButton, clear);
    section.append(buttons);
    section.append(el('p', { class: 'note no-print' }, t('site.export.note')));
    return section;
  }

  function render() {
    // Restricted figures do not outlive the role that may see them (sign-out, another token).
    if (!allowed() && (state.current || state.compare.length)) {
      state.current = null;
      state.compare = [];
      draw();
    }
    container.replaceChildren();
    const fieldset = el('fieldset', { class: 'group site-tool', 'data-group': 'site' });
    fieldset.append(el('legend', {}, t('site.group')));
    fieldset.append(el('h3', { class: 'tool-title' }, t('site.title')));
    fieldset.append(el('p', { class: 'hint no-print' }, t('site.intro')));
    const may = allowed();
    if (!may) fieldset.append(el('p', { class: 'site-signin', id: 'site-signin' }, t(getToken() ? 'site.role.needed' : 'site.signin.needed')));

    const buttons = el('div', { class: 'tool-buttons no-print' });
    const pick = el('button', { type: 'button', id: 'site-pick', 'aria-pressed': String(state.picking), disabled: state.busy || !may }, state.picking ? t('site.picking') : t('site.pick'));
    pick.addEventListener('click', () => {
      if (state.picking) {
        stopPicking();
        return;
      }
      claimMapClicks(map, 'site', stopPicking);
      state.picking = true;
      map.on('click', onPick);
      render();
      focus('site-pick');
    });
    const centre = el('button', { type: 'button', id: 'site-centre', disabled: state.busy || !may }, t('site.centre'));
    centre.addEventListener('click', () => {
      const c = map.getCenter();
      check(c.lat, c.lng, pointLabel(c.lat, c.lng));
    });
    buttons.append(pick, centre);
    fieldset.append(buttons);

    const form = el('form', { id: 'site-postcode-form', class: 'site-postcode no-print', autocomplete: 'off' });
    const input = el('input', { id: 'site-postcode', name: 'postcode', type: 'text', inputmode: 'text', autocapitalize: 'characters', spellcheck: 'false', value: state.postcode, 'aria-describedby': 'site-postcode-hint' });
    input.value = state.postcode;
    input.addEventListener('input', () => {
      state.postcode = input.value;
    });
    const submit = el('button', { type: 'submit', id: 'site-postcode-go', disabled: state.busy || !may }, t('site.postcode.go'));
    form.append(el('label', { for: 'site-postcode' }, t('site.postcode')), el('div', { class: 'row' }, [input, submit]), el('p', { class: 'hint', id: 'site-postcode-hint' }, t('site.postcode.hint')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      checkPostcode();
    });
    fieldset.append(form);

    const status = el('div', { id: 'site-status', 'aria-live': 'polite' });
    if (state.busy) status.append(el('p', { class: 'hint' }, t('site.working')));
    fieldset.append(status);
    if (state.current && !state.busy) fieldset.append(dossierBlock());
    if (state.compare.length) fieldset.append(compareBlock());
    container.append(fieldset);
  }

  render();
  return { render, check, state };
}
