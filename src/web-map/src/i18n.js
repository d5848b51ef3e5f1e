// English and Welsh labels. Every visible string goes through t(); keys missing in Welsh fall back to English.
export const strings = {
  en: {
    title: 'CohesionGeo — access and community safety',
    'health.checking': 'Checking the service…',
    'health.ok': 'Service running: {edges} network edges loaded',
    'health.down': 'Service unavailable',
    attribution: '© OpenStreetMap contributors (ODbL); contains public sector information licensed under the Open Government Licence v3.0',
  },
  cy: {
    title: 'CohesionGeo — mynediad a diogelwch cymunedol',
    'health.checking': 'Yn gwirio’r gwasanaeth…',
    'health.ok': 'Gwasanaeth yn rhedeg: {edges} o ddolenni rhwydwaith wedi’u llwytho',
    'health.down': 'Gwasanaeth ddim ar gael',
    attribution: '© Cyfranwyr OpenStreetMap (ODbL); yn cynnwys gwybodaeth sector cyhoeddus a drwyddedwyd o dan y Drwydded Llywodraeth Agored v3.0',
  },
};

export function translate(lang, key, values = {}) {
  const table = strings[lang] ?? strings.en;
  const template = table[key] ?? strings.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
