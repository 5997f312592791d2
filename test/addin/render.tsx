// Test helpers for pane components, on Testing Library: render inside the pane's theme and language providers
// (the Script Lab convention, renderWithTheme), and find and drive controls by role and accessible name.
import { cleanup as rtlCleanup, fireEvent, render, waitFor as rtlWaitFor, within } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { afterEach, beforeAll } from 'vitest';
import { FakeWorkbook, type FakeOptions } from '../../addin/fake/fake-excel.js';
import { Providers } from '../../addin/taskpane/root.js';
import { columnLetter } from '../../templates/model/grid.js';
import { layoutWorkbook } from '../../templates/model/layout.js';
import type { TemplateDef } from '../../templates/model/types.js';

export interface Rendered {
  container: HTMLElement;
  unmount(): void;
}

export async function renderWithTheme(ui: ReactElement, opts: { lang?: string } = {}): Promise<Rendered> {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Providers lang={opts.lang ?? 'ja-JP'}>{children}</Providers>
  );
  const { container, unmount } = render(ui, { wrapper });
  return { container, unmount };
}

export async function cleanup(): Promise<void> {
  rtlCleanup();
}

/**
 * For a test file of pane components: what jsdom lacks and Fluent's motion and tabs ask for (matchMedia,
 * ResizeObserver), and after each test an unmounted pane and no fake Excel or Office left behind.
 */
export function usePaneTestHost(): void {
  beforeAll(() => {
    window.matchMedia ??= (q: string) =>
      ({
        matches: false,
        media: q,
        onchange: null,
        addListener() {},
        removeListener() {},
        addEventListener() {},
        removeEventListener() {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  });
  const g = globalThis as { Excel?: unknown; Office?: unknown };
  afterEach(async () => {
    await cleanup();
    delete g.Excel;
    delete g.Office;
  });
}

type Name = string | RegExp;

/** Every element of an ARIA role (by Testing Library's role and accessible-name rules), optionally by name. */
export function allByRole(root: HTMLElement, role: string, name?: Name): HTMLElement[] {
  return within(root).queryAllByRole(role, name === undefined ? {} : { name });
}

/** The one element of a role and name (fails with Testing Library's description of what is there). */
export function byRole(root: HTMLElement, role: string, name?: Name): HTMLElement {
  return within(root).getByRole(role, name === undefined ? {} : { name });
}

export function byTestId(root: HTMLElement, id: string): HTMLElement {
  return within(root).getByTestId(id);
}

/** Elements whose own text contains the string (or matches the pattern). */
export function byText(root: HTMLElement, pattern: Name): HTMLElement[] {
  return within(root).queryAllByText(typeof pattern === 'string' ? (_, el) => ownText(el).includes(pattern) : pattern);
}

function ownText(el: Element | null): string {
  if (!el) return '';
  // Text of the element not inside a child element that itself matches (the innermost element wins).
  return [...el.childNodes]
    .filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent)
    .join('');
}

export async function click(el: Element): Promise<void> {
  fireEvent.click(el);
}

/** Types a whole value into an input, textarea or select as a user would (React sees the change). */
export async function type(el: Element, value: string): Promise<void> {
  fireEvent.change(el, { target: { value } });
}

export async function blur(el: Element): Promise<void> {
  fireEvent.blur(el);
}

/** Retries an assertion until it passes (React updates, fake Excel events and debounced re-validation settle). */
export function waitFor<T>(fn: () => T, timeout = 3000): Promise<T> {
  return rtlWaitFor(fn, { timeout });
}

/** What the add-in's decoder hands back for a blank template's package (the `decodeWorkbook` of a FakeWorkbook). */
export function decodedTemplate(def: TemplateDef): ReturnType<NonNullable<FakeOptions['decodeWorkbook']>> {
  const wb = FakeWorkbook.fromGrid(layoutWorkbook(def));
  return {
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      cells: Object.fromEntries(
        [...s.cells].map(([k, c]) => {
          const [r, col] = k.split(',').map(Number);
          return [`${columnLetter(col)}${r + 1}`, c];
        }),
      ),
    })),
  };
}
