import { type MountedControlPlane, mount } from '@llm-control-plane/ui';
import '@llm-control-plane/ui/style.css';

export type PortalOptions = {
  /** Where the control plane's API is, seen from the browser. @default '/api/v1' */
  apiBase?: string;
  /** The part of the portal's URL space the admin UI owns. @default '/portal/llm' */
  basePath?: string;
  /** The portal's own fetch, e.g. one that adds the portal's auth header. */
  fetch?: typeof fetch;
};

/**
 * Renders the portal chrome (its own header and navigation) and mounts the LLM admin UI in one of its
 * panels. The portal keeps every URL outside `basePath`; the UI keeps its routes inside it.
 */
export function renderPortal(container: HTMLElement, options: PortalOptions = {}): MountedControlPlane {
  const basePath = options.basePath ?? '/portal/llm';
  container.innerHTML = '';
  const header = document.createElement('header');
  header.className = 'portal-header';
  header.innerHTML =
    '<strong>Acme internal portal</strong> <nav aria-label="Portal"><a href="/portal/">Home</a> <a href="/portal/llm/">LLM gateways</a></nav>';
  const panel = document.createElement('section');
  panel.className = 'portal-panel';
  panel.setAttribute('aria-label', 'LLM gateway administration');
  container.append(header, panel);
  return mount(panel, { apiBase: options.apiBase ?? '/api/v1', basePath, fetch: options.fetch });
}
