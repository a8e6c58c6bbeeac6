/**
 * The sidebar's only ways to touch the DOM. Text goes in with textContent or as text nodes, never
 * as HTML: learner names and emails come from a sheet anyone with edit access can type into.
 */
export interface ElementProps {
  id?: string;
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.id) element.id = props.id;
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export type SvgFactory = (tag: string, attrs?: Record<string, string | number>, ...children: (Node | string)[]) => SVGElement;

/**
 * Makes elements for an <svg> of the page: in its namespace, taken from the element the HTML
 * parser made (so the sidebar holds no URL); attributes as text, children as nodes, text as text.
 */
export function svgIn(root: SVGElement): SvgFactory {
  return (tag, attrs = {}, ...children) => {
    const element = document.createElementNS(root.namespaceURI, tag) as SVGElement;
    for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
    element.append(...children);
    return element;
  };
}

/** Saves text as a file: a Blob (UTF-8, no byte-order mark) clicked through `<a download>`. */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { attrs: { href: url, download: filename } });
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export interface BusyButton {
  disabled: boolean;
  textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

/**
 * Runs a button's task once: the button says what it is doing ("Exporting…"), is aria-disabled
 * and aria-busy meanwhile, and a second click before the first run ends starts nothing. It is not
 * made `disabled`: a disabled button loses the keyboard focus (to <body>), so a keyboard or
 * screen-reader user pressing Enter on it would be thrown out of the panel at every action.
 */
export async function runBusy(button: BusyButton, workingLabel: string, task: () => Promise<void>): Promise<void> {
  if (button.disabled || button.getAttribute('aria-busy') === 'true') return;
  const label = button.textContent;
  button.setAttribute('aria-disabled', 'true');
  button.setAttribute('aria-busy', 'true');
  button.textContent = workingLabel;
  try {
    await task();
  } finally {
    button.removeAttribute('aria-disabled');
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}
