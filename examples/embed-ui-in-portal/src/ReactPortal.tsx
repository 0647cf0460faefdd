import { ControlPlaneApp } from '@llm-control-plane/ui';
import '@llm-control-plane/ui/style.css';

/** The same embedding for a portal that is itself a React app: render the component in a route. */
export function LlmAdminRoute({
  apiBase = '/api/v1',
  fetch,
}: {
  apiBase?: string;
  fetch?: typeof globalThis.fetch;
}) {
  return (
    <section aria-label="LLM gateway administration">
      <ControlPlaneApp apiBase={apiBase} basePath="/portal/llm" fetch={fetch} />
    </section>
  );
}
