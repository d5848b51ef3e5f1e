// The layer panel: catalogue layers grouped (Access, Risk, Designing Out Crime, Context), each with
// on/off, opacity and its legend. Built from plain form controls so it works by keyboard.
import { translate, localized } from './i18n.js';
import { el } from './dom.js';

export const GROUPS = ['access', 'risk', 'doco', 'context'];

const RISK = new Set(['incidents', 'incident_points', 'tension', 'hotspots', 'isolation', 'density']);
const DOCO = new Set(['doco_features', 'planning_applications']);

/** The panel group of a catalogue entry: its own `group` field when the catalogue has one, else by id. */
export function groupOf(info) {
  if (info.group && GROUPS.includes(info.group)) return info.group;
  if (info.id.startsWith('access') || info.id.startsWith('isochrone')) return 'access';
  if (RISK.has(info.id) || info.id.startsWith('risk')) return 'risk';
  if (DOCO.has(info.id) || info.id.startsWith('doco')) return 'doco';
  return 'context';
}

function legendList(info, lang, title) {
  const list = el('ul', { class: 'legend', 'aria-label': translate(lang, 'layer.legend', { title }) });
  for (const entry of info.legend.entries) {
    const swatchClass = info.geometry === 'line' ? 'swatch line' : info.geometry === 'point' ? 'swatch point' : 'swatch';
    list.append(el('li', {}, [el('span', { class: swatchClass, style: `--swatch:${entry.colour}`, 'aria-hidden': 'true' }), el('span', {}, localized(entry.label, lang))]));
  }
  return list;
}

const asList = (x) => (x ? [].concat(x) : []);

/**
 * Renders the panel. `layers` is the catalogue as the caller sees it; `settings` maps id → {on, opacity};
 * `onChange(id, settings)` is called on every change. `extras` / `extrasAfter` map a group to tool elements (one
 * or a list) shown before / after the group's layers, so each group is one section: e.g. Access = the surface
 * chooser, the two surface layers, then the isochrone tool.
 */
export function renderPanel(container, { layers, settings, lang, loading, onChange, extras = {}, extrasAfter = {} }) {
  container.replaceChildren();
  if (loading) {
    container.append(el('p', { class: 'hint' }, translate(lang, 'panel.loading')));
    return;
  }
  if (!layers || layers.length === 0) {
    container.append(el('p', { class: 'hint' }, translate(lang, 'panel.empty')));
    return;
  }
  for (const group of GROUPS) {
    const members = layers.filter((l) => groupOf(l) === group);
    if (members.length === 0 && !extras[group] && !extrasAfter[group]) continue;
    const fieldset = el('fieldset', { class: 'group', 'data-group': group }, [el('legend', {}, translate(lang, `group.${group}`))]);
    // Tools that belong to the group (e.g. the hotspot month range in Risk) come first.
    fieldset.append(...asList(extras[group]));
    // Top of the map first in the panel.
    for (const info of [...members].reverse()) {
      const s = settings[info.id];
      const title = localized(info.title, lang);
      const checkbox = el('input', { type: 'checkbox', id: `layer-${info.id}`, 'data-layer': info.id, checked: s.on });
      checkbox.checked = s.on;
      checkbox.addEventListener('change', () => onChange(info.id, { ...settings[info.id], on: checkbox.checked }));
      const slider = el('input', { type: 'range', min: '0', max: '100', step: '10', value: String(Math.round(s.opacity * 100)), id: `opacity-${info.id}`,
        'aria-label': translate(lang, 'layer.opacity', { title }), 'aria-valuetext': `${Math.round(s.opacity * 100)}%` });
      slider.addEventListener('input', () => {
        slider.setAttribute('aria-valuetext', `${slider.value}%`);
        onChange(info.id, { ...settings[info.id], opacity: Number(slider.value) / 100 });
      });
      const head = el('div', { class: 'layer-head' }, [checkbox, el('label', { for: `layer-${info.id}`, class: 'layer-title' }, title)]);
      if (info.restricted) head.append(el('span', { class: 'badge' }, translate(lang, 'layer.restricted')));
      const row = el('div', { class: 'layer', 'data-layer': info.id }, [head]);
      const opacity = el('div', { class: 'opacity' }, [el('span', { class: 'opacity-label', 'aria-hidden': 'true' }, translate(lang, 'layer.opacity.short')), slider]);
      const details = el('div', { class: 'layer-details' }, [opacity]);
      if (info.id.startsWith('access_')) {
        // The surfaces are coloured by the service and mode chosen above; their legend is there.
        details.append(el('p', { class: 'note' }, translate(lang, 'layer.surface.legend.above')));
      } else {
        details.append(legendList(info, lang, title));
        if (info.legend.note) details.append(el('p', { class: 'note' }, localized(info.legend.note, lang)));
      }
      if (info.min_zoom > 10) details.append(el('p', { class: 'note' }, translate(lang, 'layer.zoom', { zoom: info.min_zoom })));
      row.append(details);
      fieldset.append(row);
    }
    fieldset.append(...asList(extrasAfter[group]));
    container.append(fieldset);
  }
}
