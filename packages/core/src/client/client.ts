import { inspect } from 'node:util';
import type { Dispatcher } from 'undici';
import { assertSafePath } from './path.js';
import { type AgentsResource, createAgentsResource } from './resources/agents.js';
import { type AuthResource, createAuthResource } from './resources/auth.js';
import { type BudgetsResource, createBudgetsResource } from './resources/budgets.js';
import { type CredentialsResource, createCredentialsResource } from './resources/credentials.js';
import { type CustomersResource, createCustomersResource } from './resources/customers.js';
import { createGuardrailsResource, type GuardrailsResource } from './resources/guardrails.js';
import { createHealthResource, type HealthResource } from './resources/health.js';
import type { WorkerResources } from './resources/index.js';
import { createKeysResource, type KeysResource } from './resources/keys.js';
import { createMcpServersResource, type McpServersResource } from './resources/mcp-servers.js';
import { createModelsResource, type ModelsResource } from './resources/models.js';
import { createOrganizationsResource, type OrganizationsResource } from './resources/organizations.js';
import { createPromptsResource, type PromptsResource } from './resources/prompts.js';
import { createSearchToolsResource, type SearchToolsResource } from './resources/search-tools.js';
import { createSpendResource, type SpendResource } from './resources/spend.js';
import { createTagsResource, type TagsResource } from './resources/tags.js';
import { createTeamsResource, type TeamsResource } from './resources/teams.js';
import { createUsersResource, type UsersResource } from './resources/users.js';
import { createVectorStoresResource, type VectorStoresResource } from './resources/vector-stores.js';
import { type UiConfig, UiConfigSchema } from './schemas/auth.js';
import { type CallOptions, createTransport, type Transport } from './transport.js';
import { createUiSessionSource } from './ui-session.js';

export type WorkerClientOptions = {
  /** Worker base URL, optionally with the worker's SERVER_ROOT_PATH. */
  baseUrl: string;
  /** Master key or admin virtual key, sent as `Authorization: Bearer` (or on `keyHeader`). */
  apiKey?: string;
  /**
   * Header that carries `Bearer <key>` instead of `Authorization`: the worker's
   * `general_settings.litellm_key_header_name`, which makes LiteLLM read the key from that header only.
   */
  keyHeader?: string;
  /** UI session token; used when no apiKey is given. */
  token?: string;
  /**
   * The worker's UI credentials (`UI_USERNAME`/`UI_PASSWORD`, or a user's email and password), used
   * when neither apiKey nor token is given: the client logs in with `auth.login()` (whatever the
   * worker's LiteLLM version), sends the session key the UI token carries, and logs in again when the
   * session expires or the worker refuses it.
   */
  login?: { username: string; password: string };
  workerId?: string;
  /** Deadline per call, covering retries and the whole body. @default 10_000 */
  timeoutMs?: number;
  /** Extra attempts for idempotent requests and connection failures. @default 2 */
  maxRetries?: number;
  /** Shared undici dispatcher; when absent the client owns one keep-alive Agent. */
  dispatcher?: Dispatcher;
  headers?: Record<string, string>;
};

export type RawRequest = {
  method: string;
  /** Begins with '/'; dot segments, empty segments and encoded slashes are refused. */
  path: string;
  query?: Record<string, string | string[] | undefined> | URLSearchParams;
  /** JSON body. */
  body?: unknown;
  /**
   * The JSON body as text, sent as it is (takes precedence over `body`): a relay that already holds the
   * caller's JSON text forwards it without serialising it again.
   */
  bodyText?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** `false` disables retries; by default only GET/HEAD are retried. */
  retry?: boolean;
};

export type RawResponse = { status: number; contentType: string | undefined; bodyText: string };

export interface WorkerClient extends WorkerResources {
  readonly baseUrl: string;
  readonly workerId: string | undefined;
  /** GET /.well-known/litellm-ui-config */
  uiConfig(options?: CallOptions): Promise<UiConfig>;
  /**
   * Low-level call used by relays: never throws for HTTP statuses, only for transport failures
   * (unreachable, timeout, abort). Retries only GET/HEAD unless `retry` says otherwise.
   */
  raw(request: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

class HttpWorkerClient implements WorkerClient {
  readonly baseUrl: string;
  readonly workerId: string | undefined;
  // Resources are built on first use: a fleet holds one client per worker and most use only a few of them.
  #keys: KeysResource | undefined;
  #teams: TeamsResource | undefined;
  #users: UsersResource | undefined;
  #models: ModelsResource | undefined;
  #budgets: BudgetsResource | undefined;
  #organizations: OrganizationsResource | undefined;
  #customers: CustomersResource | undefined;
  #spend: SpendResource | undefined;
  #health: HealthResource | undefined;
  #auth: AuthResource | undefined;
  #mcpServers: McpServersResource | undefined;
  #guardrails: GuardrailsResource | undefined;
  #vectorStores: VectorStoresResource | undefined;
  #agents: AgentsResource | undefined;
  #prompts: PromptsResource | undefined;
  #tags: TagsResource | undefined;
  #credentials: CredentialsResource | undefined;
  #searchTools: SearchToolsResource | undefined;
  // The credential lives only inside the transport's closure; nothing here can print it.
  readonly #transport: Transport;
  readonly #loginTransport: Transport | undefined;

  constructor(options: WorkerClientOptions) {
    const credential = options.apiKey ?? options.token;
    // Logging in goes through a transport of its own that carries no credential.
    this.#loginTransport =
      credential === undefined && options.login !== undefined
        ? createTransport({
            baseUrl: options.baseUrl,
            workerId: options.workerId,
            timeoutMs: options.timeoutMs,
            maxRetries: options.maxRetries,
            dispatcher: options.dispatcher,
            headers: options.headers,
            redact: [options.login.password],
          })
        : undefined;
    const loginAuth = this.#loginTransport && createAuthResource(this.#loginTransport);
    const loginBody = options.login;
    const transport = createTransport({
      baseUrl: options.baseUrl,
      credential,
      workerId: options.workerId,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      dispatcher: options.dispatcher,
      headers: options.headers,
      keyHeader: options.keyHeader,
      session:
        loginAuth && loginBody
          ? createUiSessionSource((signal) =>
              loginAuth.login({ username: loginBody.username, password: loginBody.password }, { signal }),
            )
          : undefined,
    });
    this.#transport = transport;
    this.baseUrl = transport.baseUrl;
    this.workerId = transport.workerId;
  }

  get keys(): KeysResource {
    this.#keys ??= createKeysResource(this.#transport);
    return this.#keys;
  }

  get teams(): TeamsResource {
    this.#teams ??= createTeamsResource(this.#transport);
    return this.#teams;
  }

  get users(): UsersResource {
    this.#users ??= createUsersResource(this.#transport);
    return this.#users;
  }

  get models(): ModelsResource {
    this.#models ??= createModelsResource(this.#transport);
    return this.#models;
  }

  get budgets(): BudgetsResource {
    this.#budgets ??= createBudgetsResource(this.#transport);
    return this.#budgets;
  }

  get organizations(): OrganizationsResource {
    this.#organizations ??= createOrganizationsResource(this.#transport);
    return this.#organizations;
  }

  get customers(): CustomersResource {
    this.#customers ??= createCustomersResource(this.#transport);
    return this.#customers;
  }

  get spend(): SpendResource {
    this.#spend ??= createSpendResource(this.#transport);
    return this.#spend;
  }

  get health(): HealthResource {
    this.#health ??= createHealthResource(this.#transport);
    return this.#health;
  }

  get auth(): AuthResource {
    this.#auth ??= createAuthResource(this.#transport);
    return this.#auth;
  }

  get mcpServers(): McpServersResource {
    this.#mcpServers ??= createMcpServersResource(this.#transport);
    return this.#mcpServers;
  }

  get guardrails(): GuardrailsResource {
    this.#guardrails ??= createGuardrailsResource(this.#transport);
    return this.#guardrails;
  }

  get vectorStores(): VectorStoresResource {
    this.#vectorStores ??= createVectorStoresResource(this.#transport);
    return this.#vectorStores;
  }

  get agents(): AgentsResource {
    this.#agents ??= createAgentsResource(this.#transport);
    return this.#agents;
  }

  get prompts(): PromptsResource {
    this.#prompts ??= createPromptsResource(this.#transport);
    return this.#prompts;
  }

  get tags(): TagsResource {
    this.#tags ??= createTagsResource(this.#transport);
    return this.#tags;
  }

  get credentials(): CredentialsResource {
    this.#credentials ??= createCredentialsResource(this.#transport);
    return this.#credentials;
  }

  get searchTools(): SearchToolsResource {
    this.#searchTools ??= createSearchToolsResource(this.#transport);
    return this.#searchTools;
  }

  uiConfig(options?: CallOptions): Promise<UiConfig> {
    return this.#transport.call(
      { method: 'GET', path: '/.well-known/litellm-ui-config' },
      UiConfigSchema,
      options,
    );
  }

  async raw(request: RawRequest): Promise<RawResponse> {
    const response = await this.#transport.send({
      method: request.method.toUpperCase(),
      path: assertSafePath(request.path),
      query: request.query,
      body: request.body,
      bodyText: request.bodyText,
      headers: request.headers,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
      retry: request.retry,
    });
    return { status: response.status, contentType: response.contentType, bodyText: response.bodyText };
  }

  async close(): Promise<void> {
    await Promise.all([this.#transport.close(), this.#loginTransport?.close()]);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  toJSON(): { baseUrl: string; workerId: string | undefined } {
    return { baseUrl: this.baseUrl, workerId: this.workerId };
  }

  [inspect.custom](): string {
    const id = this.workerId === undefined ? '' : ` workerId: ${JSON.stringify(this.workerId)},`;
    return `WorkerClient {${id} baseUrl: ${JSON.stringify(this.baseUrl)} }`;
  }
}

export function createWorkerClient(options: WorkerClientOptions): WorkerClient {
  return new HttpWorkerClient(options);
}
