import L from 'leaflet';
import { translate } from './i18n.js';

// Newport (Gwent): the sample data set.
const NEWPORT = [51.5842, -2.9977];

const state = { lang: localStorage.getItem('cohesiongeo.lang') === 'cy' ? 'cy' : 'en', health: null, attribution: null };

const map = L.map('map', { zoomControl: true, attributionControl: false }).setView(NEWPORT, 13);
const attribution = L.control.attribution({ prefix: false }).addTo(map);
window.cohesiongeo = { map, state };

function render() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => {
    if (el.id !== 'health') el.textContent = translate(state.lang, el.dataset.i18n);
  });
  document.querySelectorAll('.lang button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang)));
  const health = document.getElementById('health');
  if (state.health === null) {
    health.dataset.state = 'unknown';
    health.textContent = translate(state.lang, 'health.checking');
  } else if (state.health.status === 'ok') {
    health.dataset.state = 'ok';
    health.textContent = translate(state.lang, 'health.ok', { edges: state.health.network.edges.toLocaleString(state.lang === 'cy' ? 'cy-GB' : 'en-GB') });
  } else {
    health.dataset.state = 'down';
    health.textContent = translate(state.lang, 'health.down');
  }
  if (state.attribution) attribution.removeAttribution(state.attribution);
  state.attribution = translate(state.lang, 'attribution');
  attribution.addAttribution(state.attribution);
}

document.querySelectorAll('.lang button').forEach((b) => b.addEventListener('click', () => {
  state.lang = b.dataset.lang;
  localStorage.setItem('cohesiongeo.lang', state.lang);
  render();
}));

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
