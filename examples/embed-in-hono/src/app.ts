import { type ControlPlane, type ControlPlaneOptions, createControlPlane } from '@llm-control-plane/server';
import { Hono } from 'hono';

export type EmbeddedApp = { app: Hono; controlPlane: ControlPlane };

/**
 * An existing Hono application that mounts the control plane under /cp. Everything the control plane
 * serves (API, discovery documents, UI) moves under the prefix; the parent keeps its own routes.
 */
export async function createParentApp(options: ControlPlaneOptions): Promise<EmbeddedApp> {
  const controlPlane = await createControlPlane(options);
  const app = new Hono();
  app.get('/', (context) => context.text('My application. The control plane lives under /cp/.'));
  app.get('/status', (context) => context.json({ app: 'ok' }));
  app.route('/cp', controlPlane.app);
  return { app, controlPlane };
}
