import type { RouteDefinition } from './context.js';

export type RouteMatch = { definition: RouteDefinition; params: readonly string[] };

type PatternRoute = { method: string; pattern: RegExp; definition: RouteDefinition };

const NO_PARAMS: readonly string[] = Object.freeze([]);

/** Malformed percent-encoding stays as sent rather than failing the request. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Exact paths resolve through one Map lookup (`'METHOD /path'`); the few templated paths
 * (`/key/{key}/regenerate`) fall back to a short regex list.
 */
export class Router {
  private readonly exact = new Map<string, RouteDefinition>();
  private readonly methodsByPath = new Map<string, string[]>();
  private readonly patterns: PatternRoute[] = [];

  constructor(definitions: readonly RouteDefinition[]) {
    for (const definition of definitions) {
      if (definition.path.includes('{')) {
        const source = definition.path
          .split('/')
          .map((segment) =>
            segment.startsWith('{') ? '([^/]+)' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
          )
          .join('/');
        this.patterns.push({
          method: definition.method,
          pattern: new RegExp(`^${source}$`, 'i'),
          definition,
        });
      } else {
        this.exact.set(`${definition.method} ${definition.path}`, definition);
        const methods = this.methodsByPath.get(definition.path) ?? [];
        methods.push(definition.method);
        this.methodsByPath.set(definition.path, methods);
      }
    }
  }

  /** The route, `'method-not-allowed'` when the path exists for other methods, or undefined. */
  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
    const definition = this.exact.get(`${method} ${path}`);
    if (definition) return { definition, params: NO_PARAMS };
    let pathKnown = this.methodsByPath.has(path);
    for (const candidate of this.patterns) {
      const result = candidate.pattern.exec(path);
      if (!result) continue;
      if (candidate.method !== method) {
        pathKnown = true;
        continue;
      }
      return {
        definition: candidate.definition,
        params: result.slice(1).map(decodeSegment),
      };
    }
    if (method === 'HEAD') {
      const getRoute = this.match('GET', path);
      if (getRoute && getRoute !== 'method-not-allowed') return getRoute;
    }
    return pathKnown ? 'method-not-allowed' : undefined;
  }

  paths(): { path: string; methods: string[] }[] {
    const byPath = new Map<string, Set<string>>();
    for (const [path, methods] of this.methodsByPath) byPath.set(path, new Set(methods));
    for (const { definition } of this.patterns) {
      const methods = byPath.get(definition.path) ?? new Set<string>();
      methods.add(definition.method);
      byPath.set(definition.path, methods);
    }
    return [...byPath].map(([path, methods]) => ({ path, methods: [...methods] }));
  }
}
