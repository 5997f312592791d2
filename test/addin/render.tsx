// Test helpers for pane components: render inside the pane's theme and language providers, and find and drive
// controls by role and accessible name.
//
// These use react-dom and React's act directly: @testing-library/react cannot load here because its peer
// @testing-library/dom is not installed (npm with legacy-peer-deps does not install peers). Once it is, these
// helpers can delegate to Testing Library; the tests need not change.
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Providers } from '../../addin/taskpane/root.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  unmount(): Promise<void>;
}

const mounted = new Set<{ root: Root; container: HTMLElement }>();

export async function renderWithTheme(ui: ReactElement, opts: { lang?: string } = {}): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  const entry = { root, container };
  mounted.add(entry);
  await act(async () => root.render(<Providers lang={opts.lang ?? 'ja-JP'}>{ui}</Providers>));
  return {
    container,
    async unmount() {
      await act(async () => root.unmount());
      container.remove();
      mounted.delete(entry);
    },
  };
}

export async function cleanup(): Promise<void> {
  for (const { root, container } of [...mounted]) {
    await act(async () => root.unmount());
    container.remove();
  }
  mounted.clear();
}

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The accessible name of a control: aria-label, aria-labelledby, <label for>, wrapping label, or its text. */
export function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(/\s+/).map((id) => text(document.getElementById(id))).join(' ');
  if (el.id) {
    const l = [...document.querySelectorAll('label')].find((x) => x.htmlFor === el.id);
    if (l) return text(l);
  }
  const wrap = el.closest('label');
  if (wrap) return text(wrap);
  return text(el);
}

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"]',
  radio: 'input[type="radio"], [role="radio"]',
  textbox: 'input:not([type]), input[type="text"], input[type="email"], input[type="url"], textarea, [role="textbox"]',
  combobox: 'select, [role="combobox"]',
  tab: '[role="tab"]',
};

export function allByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  const sel = ROLE_SELECTORS[role] ?? `[role="${role}"]`;
  return [...root.querySelectorAll<HTMLElement>(sel)].filter((el) => {
    if (name === undefined) return true;
    const n = accessibleName(el);
    return typeof name === 'string' ? n === name : name.test(n);
  });
}

export function byRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role, name);
  if (found.length !== 1)
    throw new Error(`expected one ${role} named ${String(name)}, found ${found.length}: ${allByRole(root, role).map(accessibleName).join(' | ')}`);
  return found[0];
}

export function byTestId(root: ParentNode, id: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
}

export function byText(root: ParentNode, pattern: string | RegExp): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('*')].filter((el) => {
    if ([...el.children].some((c) => (typeof pattern === 'string' ? text(c).includes(pattern) : pattern.test(text(c))))) return false;
    return typeof pattern === 'string' ? text(el).includes(pattern) : pattern.test(text(el));
  });
}

export async function click(el: Element): Promise<void> {
  await act(async () => {
    (el as HTMLElement).click();
  });
}

/** Types into an input/textarea/select as a user would (React sees the change). */
export async function type(el: Element, value: string): Promise<void> {
  await act(async () => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

export async function blur(el: Element): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    el.dispatchEvent(new FocusEvent('blur'));
  });
}

/** Retries an assertion until it passes (React updates, fake Excel events and debounced re-validation settle). */
export async function waitFor<T>(fn: () => T, timeout = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return fn();
    } catch (err) {
      if (Date.now() - start > timeout) throw err;
      await act(async () => {
        await new Promise((r) => setTimeout(r, 20));
      });
    }
  }
}
