// Feature details: a click on the map lists the features of the visible catalogue layers under the point
// (topmost layer first, at most MAX_SECTIONS) in a popup, with translated labels and values (category values by
// their legend labels, yes/no, numbers in the current language). Access surfaces show the minutes for the chosen
// service by every mode, the chosen one first; hovering an access surface shows its figure in a tooltip.
// Hit testing is ours (vectortiles.featuresAt): see vectortiles.js for why VectorGrid's own is not used.
// A tool that wants map clicks for itself (picking a point, drawing) puts the class "picking" on the map
// container, or sets window.cohesiongeo.featureInfo.paused = true: no popup then.
import L from './leaflet-global.js';
import { translate, localized } from './i18n.js';
import { el } from './dom.js';
import { featuresAt, currentMonthQuery } from './vectortiles.js';
import { accessChoice, accessMinutes, accessColour, isAccessLayer } from './styles.js';
import { SURFACE_MODES } from './layerview.js';

const MAX_SECTIONS = 3;
// Never listed: geometry helpers, the Welsh name (shown as the name in Welsh), ids.
const HIDDEN = new Set(['name_cy', 'id']);
// Layers clicked through without a popup: dwellings are origins only (one attribute, the area code).
const SILENT = new Set(['dwellings']);
// Coded values shown in words when no legend names them (e.g. anti-social-behaviour → anti social behaviour).
const CODED = new Set(['category', 'kind', 'highway', 'footway', 'service', 'class', 'status', 'outcome', 'source', 'ruc', 'access']);

export function createFeatureInfo({ map, getLang, getLayers, grids }) {
  const state = { paused: false, last: null }; // last: {latlng, sections}
  const t = (key, values) => translate(getLang(), key, values);
  const locale = () => (getLang() === 'cy' ? 'cy-GB' : 'en-GB');
  const number = (v, digits = 0) => Number(v).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const popup = L.popup({ className: 'cg-popup', maxWidth: 340, autoPanPadding: [20, 20] });
  const hover = L.tooltip({ className: 'cg-hover', direction: 'top', offset: [0, -10], opacity: 0.95 });

  const busy = () => state.paused || map.getContainer().classList.contains('picking');

  function visibleLayers() {
    // Catalogue order is bottom first: the topmost layer first here.
    return [...(getLayers() ?? [])].reverse().filter((info) => !SILENT.has(info.id) && grids.get(info.id)?._map);
  }

  function hitsAt(latlng) {
    const sections = [];
    for (const info of visibleLayers()) {
      const features = featuresAt(grids.get(info.id), latlng);
      // The last drawn is on top.
      for (const f of features.reverse()) {
        sections.push({ info, properties: f.properties });
        if (sections.length >= MAX_SECTIONS) return sections;
      }
    }
    return sections;
  }

  function formatValue(info, name, value) {
    const legend = info.legend;
    if (legend?.kind === 'categories' && legend.property === name) {
      const entry = legend.entries.find((e) => e.value === String(value));
      if (entry) return localized(entry.label, getLang());
    }
    if (value === true || value === 'true' || value === 'yes') return t('layer.yes');
    if (value === false || value === 'false' || value === 'no') return t('layer.no');
    if (typeof value === 'number') return number(value, Number.isInteger(value) ? 0 : 1);
    if (name === 'month' && /^\d{4}-\d{2}$/.test(value)) {
      const [y, m] = value.split('-').map(Number);
      return t('month.label', { month: t(`month.${m}`), year: y });
    }
    return CODED.has(name) ? String(value).replace(/[_-]+/g, ' ') : String(value);
  }

  function row(name, label, value) {
    return el('tr', { 'data-prop': name }, [el('th', { scope: 'row' }, label), el('td', {}, value)]);
  }

  function kindLabel(kind) {
    const facilities = (getLayers() ?? []).find((l) => l.id === 'facilities');
    const entry = facilities?.legend.entries.find((e) => e.value === kind);
    return entry ? localized(entry.label, getLang()) : kind.replaceAll('_', ' ');
  }

  function minutesText(v) {
    return v == null ? t('layer.surface.nodata.short') : t('layer.popup.minutes', { minutes: number(v, 1) });
  }

  function accessRows(info, p) {
    const rows = [];
    const name = getLang() === 'cy' && p.name_cy ? p.name_cy : p.name;
    if (name && name !== p.code) rows.push(row('name', t('layer.prop.name'), name));
    rows.push(row('code', t('layer.prop.code'), p.code));
    if (p.dwellings != null) rows.push(row('dwellings', t('layer.prop.dwellings'), number(p.dwellings)));
    const chosen = accessMinutes(p);
    const head = row(`${accessChoice.kind}_${accessChoice.mode}`, t('layer.popup.access', { kind: kindLabel(accessChoice.kind), mode: t(`layer.mode.${accessChoice.mode}`).toLocaleLowerCase(locale()) }), minutesText(chosen));
    head.classList.add('chosen');
    const colour = accessColour(info, chosen);
    if (colour) head.querySelector('td').prepend(el('span', { class: 'swatch', style: `--swatch:${colour}`, 'aria-hidden': 'true' }));
    rows.push(head);
    for (const mode of SURFACE_MODES) {
      if (mode === accessChoice.mode) continue;
      const key = `${accessChoice.kind}_${mode}`;
      const v = p[key] == null ? null : Number(p[key]);
      rows.push(row(key, t('layer.popup.access.other', { mode: t(`layer.mode.${mode}`).toLocaleLowerCase(locale()) }), minutesText(v)));
    }
    return rows;
  }

  function genericRows(info, p) {
    const rows = [];
    for (const name of info.properties) {
      if (HIDDEN.has(name)) continue;
      let value = p[name];
      if (name === 'name' && getLang() === 'cy' && p.name_cy) value = p.name_cy;
      if (name === 'incidents' && (p.suppressed === true || p.suppressed === 'true')) value = t('layer.popup.fewer');
      if (name === 'suppressed') continue;
      if (value === undefined || value === null || value === '') continue;
      rows.push(row(name, t(`layer.prop.${name}`), formatValue(info, name, value)));
    }
    if (info.month_filter) {
      const q = new URLSearchParams(currentMonthQuery());
      const period = q.get('from') ? t('slider.period.short', { from: formatValue(info, 'month', q.get('from')), to: formatValue(info, 'month', q.get('to')) }) : t(info.id === 'tension' ? 'layer.popup.period.tension' : 'layer.popup.period.all');
      rows.push(row('period', t('layer.prop.period'), period));
    }
    return rows;
  }

  function content(sections) {
    const root = el('div', { class: 'cg-features', lang: getLang() });
    for (const { info, properties } of sections) {
      const title = localized(info.title, getLang());
      const table = el('table', { class: 'figures' });
      table.append(el('caption', {}, title));
      const body = el('tbody');
      body.append(...(isAccessLayer(info) ? accessRows(info, properties) : genericRows(info, properties)));
      table.append(body);
      root.append(el('section', { class: 'cg-feature', 'data-layer': info.id }, [table]));
    }
    return root;
  }

  function show(latlng, sections) {
    state.last = { latlng, sections };
    popup.setLatLng(latlng).setContent(content(sections)).openOn(map);
    popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', t('layer.popup.close'));
  }

  map.on('click', (e) => {
    if (busy()) return;
    const sections = hitsAt(e.latlng);
    if (sections.length === 0) {
      map.closePopup(popup);
      state.last = null;
      return;
    }
    map.closeTooltip(hover);
    show(e.latlng, sections);
  });
  map.on('popupclose', (e) => {
    if (e.popup === popup) state.last = null;
  });

  // Hover: the access figure under the pointer, throttled to one hit test per frame.
  let pending = null;
  map.on('mousemove', (e) => {
    if (pending) {
      pending = e;
      return;
    }
    pending = e;
    requestAnimationFrame(() => {
      const ev = pending;
      pending = null;
      // Not while a popup is open (it already gives the figures) or a tool has the map.
      const info = map.hasLayer(popup) || busy() ? null : visibleLayers().find(isAccessLayer);
      const hit = info ? featuresAt(grids.get(info.id), ev.latlng).pop() : null;
      if (!hit) {
        map.closeTooltip(hover);
        return;
      }
      const p = hit.properties;
      const name = getLang() === 'cy' && p.name_cy ? p.name_cy : p.name || p.code;
      hover.setLatLng(ev.latlng).setContent(`${name}: ${minutesText(accessMinutes(p))}`);
      map.openTooltip(hover);
    });
  });
  map.on('mouseout', () => map.closeTooltip(hover));

  // Keyboard: Enter on the focused map gives the details of what is under its centre (pan with the arrow keys).
  map.getContainer().addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.target !== map.getContainer() || busy()) return;
    const centre = map.getCenter();
    const sections = hitsAt(centre);
    if (sections.length > 0) show(centre, sections);
  });

  function render() {
    // Language or choice changed: the open popup again, in the new words.
    if (state.last && map.hasLayer(popup)) {
      popup.setContent(content(state.last.sections));
      popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', t('layer.popup.close'));
    }
  }

  const api = { render, state, hitsAt };
  Object.defineProperty(api, 'paused', { get: () => state.paused, set: (v) => { state.paused = Boolean(v); } });
  return api;
}
