/** A fresh element to render a Preact component into for each test, emptied and removed after it (happy-dom tests). */
import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';

export function renderRoot(): { readonly element: HTMLElement } {
  const root = { element: null as unknown as HTMLElement };
  beforeEach(() => {
    root.element = document.createElement('div');
    document.body.append(root.element);
  });
  afterEach(() => {
    render(null, root.element);
    root.element.remove();
  });
  return root;
}
