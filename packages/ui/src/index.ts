import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ControlPlaneApp, type ControlPlaneAppProps } from './app/ControlPlaneApp.js';
import type { ControlPlaneOptions } from './app/config.js';

export { ApiError } from './api/errors.js';
export type { ControlPlaneAppProps } from './app/ControlPlaneApp.js';
export { ControlPlaneApp } from './app/ControlPlaneApp.js';
export type { ControlPlaneOptions } from './app/config.js';

export type MountedControlPlane = {
  /** Removes the UI and its listeners from the element. */
  unmount(): void;
};

/**
 * Renders the admin UI into `element` (a portal's `<div>`). Options override the `cp-config` meta tag;
 * the host page keeps its own routes outside `basePath`.
 */
export function mount(element: Element, options: Partial<ControlPlaneOptions> = {}): MountedControlPlane {
  const root = createRoot(element);
  root.render(createElement(ControlPlaneApp, options satisfies ControlPlaneAppProps));
  return { unmount: () => root.unmount() };
}
