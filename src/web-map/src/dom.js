// The one DOM helper: el('button', { type: 'button', disabled: busy }, 'Text' | [children]).
// Attributes that are undefined, null or false are left out; true gives an empty attribute.
export function el(tag, attrs = {}, content) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  if (typeof content === 'string') node.textContent = content;
  else if (Array.isArray(content)) node.append(...content);
  return node;
}

/**
 * A fieldset of radio buttons: ids are `${name}-${value}`; onChange(value) on a change.
 * @param {{name: string, legend: string, options: {value: string, label: string}[], selected: string, onChange: (value: string) => void}} spec
 */
export function radioGroup({ name, legend, options, selected, onChange }) {
  const group = el('fieldset', { class: 'modes' }, [el('legend', {}, legend)]);
  for (const { value, label } of options) {
    const id = `${name}-${value}`;
    const radio = el('input', { type: 'radio', name, id, value, checked: selected === value });
    radio.checked = selected === value;
    radio.addEventListener('change', () => onChange(value));
    group.append(el('span', { class: 'mode' }, [radio, el('label', { for: id }, label)]));
  }
  return group;
}
