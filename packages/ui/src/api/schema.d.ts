/**
 * Types of the control-plane HTTP API, generated from /openapi.json by
 * packages/server/scripts/ui-api-types.ts. Do not edit: run
 * `pnpm --filter @llm-control-plane/server generate:ui-api`.
 */

export interface paths {
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with a username and password
         * @description The admin logs in as `admin` (or UI_USERNAME) with the master key (or UI_PASSWORD); stored users with their password. Sets the HttpOnly `cp_session` cookie and returns the same token for bearer use. Only failures count, per username and client address: from the third on, the next attempt must wait (429 `rate_limited` with Retry-After, doubling each time), and the tenth within five minutes locks the username for 15 minutes on every replica (429 `login_locked`) until it ends or an admin lifts it.
         */
        post: operations["postApiV1AuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the caller is, with role, scope and permissions */
        get: operations["getApiV1AuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the current session and clear the cookie */
        post: operations["postApiV1AuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/lockouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usernames locked out of sign-in after repeated failures (admin) */
        get: operations["getApiV1AuthLockouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/lockouts/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Lift a username's sign-in lock-out and forget its failures (admin, audited) */
        delete: operations["deleteApiV1AuthLockoutsUsername"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workers the caller may see, with live status */
        get: operations["getApiV1Workers"];
        put?: never;
        /**
         * Add a worker at runtime (admin)
         * @description Validates the URL (http or https, no credentials in it, optional `allowed_worker_hosts` allow-list), stores `api_key` encrypted, and makes the worker visible on every replica within about a second. A worker id already in use, in the config file or at runtime, is 409.
         */
        post: operations["postApiV1Workers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workers/{workerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One worker with live status */
        get: operations["getApiV1WorkersWorkerId"];
        put?: never;
        post?: never;
        /**
         * Remove a runtime worker (admin)
         * @description The worker itself is not touched; the control plane forgets it and its stored credential.
         */
        delete: operations["deleteApiV1WorkersWorkerId"];
        options?: never;
        head?: never;
        /**
         * Change a runtime worker (admin)
         * @description Only the fields sent change; `null` clears region, labels, timeout_ms or the stored credential (`api_key: null`). Workers from the config file are read-only (409).
         */
        patch: operations["patchApiV1WorkersWorkerId"];
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Control-plane users (admin) */
        get: operations["getApiV1Users"];
        put?: never;
        /**
         * Create a control-plane user (admin)
         * @description Roles: admin (everything), operator (writes within its scope), viewer (reads within its scope). Passwords need at least 12 characters and are stored as scrypt hashes.
         */
        post: operations["postApiV1Users"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One control-plane user (admin) */
        get: operations["getApiV1UsersUsername"];
        put?: never;
        post?: never;
        /**
         * Delete a control-plane user (admin)
         * @description Their sessions stop working on the next request.
         */
        delete: operations["deleteApiV1UsersUsername"];
        options?: never;
        head?: never;
        /**
         * Change a user’s password, role or scope (admin)
         * @description A new password ends the sessions the user already has; a role or scope change applies to them at once. `scope: null` removes the limit.
         */
        patch: operations["patchApiV1UsersUsername"];
        trace?: never;
    };
    "/workers/{workerId}/admin/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Relay a management call to one worker with the worker's stored credential
         * @description Any method. Only LiteLLM management routes are relayed (the core route policy); routes that call a model, tool, agent or provider answer 403 llm_route_refused, paths no rule names 403 not_a_management_route, dot segments or encoded slashes 400 invalid_path. 2xx bodies are returned verbatim; worker errors become the error envelope with code worker_error and worker_status. Writes are audited.
         */
        get: operations["getApiV1WorkersWorkerIdAdminPath"];
        /**
         * Relay a management call to one worker with the worker's stored credential
         * @description Any method. Only LiteLLM management routes are relayed (the core route policy); routes that call a model, tool, agent or provider answer 403 llm_route_refused, paths no rule names 403 not_a_management_route, dot segments or encoded slashes 400 invalid_path. 2xx bodies are returned verbatim; worker errors become the error envelope with code worker_error and worker_status. Writes are audited.
         */
        put: operations["putApiV1WorkersWorkerIdAdminPath"];
        /**
         * Relay a management call to one worker with the worker's stored credential
         * @description Any method. Only LiteLLM management routes are relayed (the core route policy); routes that call a model, tool, agent or provider answer 403 llm_route_refused, paths no rule names 403 not_a_management_route, dot segments or encoded slashes 400 invalid_path. 2xx bodies are returned verbatim; worker errors become the error envelope with code worker_error and worker_status. Writes are audited.
         */
        post: operations["postApiV1WorkersWorkerIdAdminPath"];
        /**
         * Relay a management call to one worker with the worker's stored credential
         * @description Any method. Only LiteLLM management routes are relayed (the core route policy); routes that call a model, tool, agent or provider answer 403 llm_route_refused, paths no rule names 403 not_a_management_route, dot segments or encoded slashes 400 invalid_path. 2xx bodies are returned verbatim; worker errors become the error envelope with code worker_error and worker_status. Writes are audited.
         */
        delete: operations["deleteApiV1WorkersWorkerIdAdminPath"];
        options?: never;
        head?: never;
        /**
         * Relay a management call to one worker with the worker's stored credential
         * @description Any method. Only LiteLLM management routes are relayed (the core route policy); routes that call a model, tool, agent or provider answer 403 llm_route_refused, paths no rule names 403 not_a_management_route, dot segments or encoded slashes 400 invalid_path. 2xx bodies are returned verbatim; worker errors become the error envelope with code worker_error and worker_status. Writes are audited.
         */
        patch: operations["patchApiV1WorkersWorkerIdAdminPath"];
        trace?: never;
    };
    "/fleet/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every visible worker with health, counts of keys, teams and users, and 30-day spend
         * @description Status comes from the freshest signal (a probe, or any call the control plane made), with since, reason and source. A worker that fails keeps its last known numbers with stale: true. Concurrent callers share one fan-out, and its result answers for a short time (2 s by default).
         */
        get: operations["getApiV1FleetOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Probe the visible workers now */
        get: operations["getApiV1FleetHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find keys, users or teams across the visible workers */
        get: operations["getApiV1FleetSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/spend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Spend of the visible workers between two dates, grouped by worker, team or model */
        get: operations["getApiV1FleetSpend"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compute the changes that would bring the visible workers to a desired state (changes nothing) */
        post: operations["postApiV1FleetPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a plan; every worker touched is audited under one correlation id
         * @description Needs write access to every worker of the plan.
         */
        post: operations["postApiV1FleetApply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/drift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compare the visible workers with a baseline worker */
        get: operations["getApiV1FleetDrift"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/objects/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Objects of one kind on every visible worker, one row per worker
         * @description kind is one of mcpServers, guardrails, vectorStores, agents, prompts, tags, credentials, searchTools. A worker whose LiteLLM lacks the feature answers status "unavailable" with its version.
         */
        get: operations["getApiV1FleetObjectsKind"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/objects/{kind}/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find objects of one kind by name across the visible workers
         * @description kind is one of mcpServers, guardrails, vectorStores, agents, prompts, tags, credentials, searchTools.
         */
        get: operations["getApiV1FleetObjectsKindSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/objects/{kind}/drift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where each object of one kind is, and how its settings differ, field by field
         * @description kind is one of mcpServers, guardrails, vectorStores, agents, prompts, tags, credentials, searchTools. Without a baseline each object is compared with its most common form.
         */
        get: operations["getApiV1FleetObjectsKindDrift"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/objects/{kind}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What putting one object on the selected workers would change (changes nothing)
         * @description kind is one of mcpServers, guardrails, vectorStores, agents, prompts, tags, credentials, searchTools. The plan holds no secret: secret fields read "[redacted]" and are never written.
         */
        post: operations["postApiV1FleetObjectsKindPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fleet/objects/{kind}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply an object plan; every worker changed is audited under one correlation id
         * @description kind is one of mcpServers, guardrails, vectorStores, agents, prompts, tags, credentials, searchTools. Needs write access to every worker of the plan. Each worker is read again first, so applying twice changes nothing.
         */
        post: operations["postApiV1FleetObjectsKindApply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log (every write made through the control plane)
         * @description Scoped users see only entries of workers in their scope. format=csv answers text/csv with the same page.
         */
        get: operations["getApiV1Audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description HTTP status of each error code */
        ErrorCodes: {
            /** @constant */
            invalid_request?: 400;
            /** @constant */
            invalid_path?: 400;
            /** @constant */
            body_too_deep?: 400;
            /** @constant */
            body_array_too_long?: 400;
            /** @constant */
            body_string_too_long?: 400;
            /** @constant */
            query_too_long?: 400;
            /** @constant */
            query_too_many_values?: 400;
            /** @constant */
            query_invalid_character?: 400;
            /** @constant */
            unauthorized?: 401;
            /** @constant */
            forbidden?: 403;
            /** @constant */
            csrf_refused?: 403;
            /** @constant */
            host_refused?: 403;
            /** @constant */
            origin_refused?: 403;
            /** @constant */
            llm_route_refused?: 403;
            /** @constant */
            not_a_management_route?: 403;
            /** @constant */
            not_found?: 404;
            /** @constant */
            worker_not_found?: 404;
            /** @constant */
            method_not_allowed?: 405;
            /** @constant */
            conflict?: 409;
            /** @constant */
            body_too_large?: 413;
            /** @constant */
            headers_too_large?: 431;
            /** @constant */
            unsupported_media_type?: 415;
            /** @constant */
            rate_limited?: 429;
            /** @constant */
            login_locked?: 429;
            /** @constant */
            internal_error?: 500;
            /** @constant */
            worker_error?: 502;
            /** @constant */
            worker_unreachable?: 502;
            /** @constant */
            worker_bad_response?: 502;
            /** @constant */
            worker_unavailable?: 503;
            /** @constant */
            ui_not_built?: 503;
            /** @constant */
            store_unavailable?: 503;
            /** @constant */
            not_ready?: 503;
            /** @constant */
            worker_timeout?: 504;
        };
        ErrorEnvelope: {
            error: {
                /** @enum {string} */
                code: "invalid_request" | "invalid_path" | "body_too_deep" | "body_array_too_long" | "body_string_too_long" | "query_too_long" | "query_too_many_values" | "query_invalid_character" | "unauthorized" | "forbidden" | "csrf_refused" | "host_refused" | "origin_refused" | "llm_route_refused" | "not_a_management_route" | "not_found" | "worker_not_found" | "method_not_allowed" | "conflict" | "body_too_large" | "headers_too_large" | "unsupported_media_type" | "rate_limited" | "login_locked" | "internal_error" | "worker_error" | "worker_unreachable" | "worker_bad_response" | "worker_unavailable" | "ui_not_built" | "store_unavailable" | "not_ready" | "worker_timeout";
                message: string;
                request_id: string;
                worker_id?: string;
                worker_status?: number;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    postApiV1AuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** @enum {string} */
                        token_type: "bearer";
                        expires_in: number;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1AuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subject: string;
                        /** @enum {string} */
                        role: "admin" | "operator" | "viewer";
                        scope: {
                            workers?: string[];
                            labels?: {
                                [key: string]: string;
                            };
                        } | null;
                        /** @enum {string} */
                        token_kind: "master_key" | "session";
                        expires_at: string | null;
                        permissions: {
                            write: boolean;
                            admin: boolean;
                        };
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    postApiV1AuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        logged_out: true;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1AuthLockouts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lockouts: {
                            username: string;
                            address: string;
                            failures: number;
                            locked_at: string;
                            locked_until: string;
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteApiV1AuthLockoutsUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        /** @enum {boolean} */
                        unlocked: true;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1Workers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        workers: {
                            worker_id: string;
                            name: string;
                            url: string;
                            region: string | null;
                            labels: {
                                [key: string]: string;
                            };
                            timeout_ms: number | null;
                            /** @enum {string} */
                            source: "config" | "runtime";
                            has_credential: boolean;
                            managed: boolean;
                            /** @enum {string} */
                            status: "healthy" | "degraded" | "unreachable" | "unknown";
                            latency_ms: number | null;
                            version: string | null;
                            last_seen_at: string | null;
                            /** @enum {string} */
                            circuit: "closed" | "open" | "half-open";
                            health: {
                                /** @enum {string} */
                                status: "healthy" | "degraded" | "unreachable";
                                latency_ms: number | null;
                                version: string | null;
                                db: string | null;
                                checked_at: string;
                                last_seen_at: string | null;
                                since: string;
                                reason: string | null;
                                /** @enum {string} */
                                source: "probe" | "relay" | "fan-out" | "overview";
                                error?: {
                                    kind: string;
                                    message: string;
                                };
                            } | null;
                            browser_login: {
                                possible: boolean | null;
                                note: string | null;
                            };
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    postApiV1Workers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    worker_id: string;
                    name: string;
                    url: string;
                    api_key?: string;
                    region?: string;
                    labels?: {
                        [key: string]: string;
                    };
                    timeout_ms?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        worker_id: string;
                        name: string;
                        url: string;
                        region: string | null;
                        labels: {
                            [key: string]: string;
                        };
                        timeout_ms: number | null;
                        /** @enum {string} */
                        source: "config" | "runtime";
                        has_credential: boolean;
                        managed: boolean;
                        /** @enum {string} */
                        status: "healthy" | "degraded" | "unreachable" | "unknown";
                        latency_ms: number | null;
                        version: string | null;
                        last_seen_at: string | null;
                        /** @enum {string} */
                        circuit: "closed" | "open" | "half-open";
                        health: {
                            /** @enum {string} */
                            status: "healthy" | "degraded" | "unreachable";
                            latency_ms: number | null;
                            version: string | null;
                            db: string | null;
                            checked_at: string;
                            last_seen_at: string | null;
                            since: string;
                            reason: string | null;
                            /** @enum {string} */
                            source: "probe" | "relay" | "fan-out" | "overview";
                            error?: {
                                kind: string;
                                message: string;
                            };
                        } | null;
                        browser_login: {
                            possible: boolean | null;
                            note: string | null;
                        };
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1WorkersWorkerId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        worker_id: string;
                        name: string;
                        url: string;
                        region: string | null;
                        labels: {
                            [key: string]: string;
                        };
                        timeout_ms: number | null;
                        /** @enum {string} */
                        source: "config" | "runtime";
                        has_credential: boolean;
                        managed: boolean;
                        /** @enum {string} */
                        status: "healthy" | "degraded" | "unreachable" | "unknown";
                        latency_ms: number | null;
                        version: string | null;
                        last_seen_at: string | null;
                        /** @enum {string} */
                        circuit: "closed" | "open" | "half-open";
                        health: {
                            /** @enum {string} */
                            status: "healthy" | "degraded" | "unreachable";
                            latency_ms: number | null;
                            version: string | null;
                            db: string | null;
                            checked_at: string;
                            last_seen_at: string | null;
                            since: string;
                            reason: string | null;
                            /** @enum {string} */
                            source: "probe" | "relay" | "fan-out" | "overview";
                            error?: {
                                kind: string;
                                message: string;
                            };
                        } | null;
                        browser_login: {
                            possible: boolean | null;
                            note: string | null;
                        };
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteApiV1WorkersWorkerId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        worker_id: string;
                        /** @enum {boolean} */
                        deleted: true;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    patchApiV1WorkersWorkerId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    url?: string;
                    api_key?: string | null;
                    region?: string | null;
                    labels?: {
                        [key: string]: string;
                    } | null;
                    timeout_ms?: number | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        worker_id: string;
                        name: string;
                        url: string;
                        region: string | null;
                        labels: {
                            [key: string]: string;
                        };
                        timeout_ms: number | null;
                        /** @enum {string} */
                        source: "config" | "runtime";
                        has_credential: boolean;
                        managed: boolean;
                        /** @enum {string} */
                        status: "healthy" | "degraded" | "unreachable" | "unknown";
                        latency_ms: number | null;
                        version: string | null;
                        last_seen_at: string | null;
                        /** @enum {string} */
                        circuit: "closed" | "open" | "half-open";
                        health: {
                            /** @enum {string} */
                            status: "healthy" | "degraded" | "unreachable";
                            latency_ms: number | null;
                            version: string | null;
                            db: string | null;
                            checked_at: string;
                            last_seen_at: string | null;
                            since: string;
                            reason: string | null;
                            /** @enum {string} */
                            source: "probe" | "relay" | "fan-out" | "overview";
                            error?: {
                                kind: string;
                                message: string;
                            };
                        } | null;
                        browser_login: {
                            possible: boolean | null;
                            note: string | null;
                        };
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1Users: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: {
                            username: string;
                            /** @enum {string} */
                            role: "admin" | "operator" | "viewer";
                            scope: {
                                workers?: string[];
                                labels?: {
                                    [key: string]: string;
                                };
                            } | null;
                            created_at: string;
                            updated_at: string;
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    postApiV1Users: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    /** @enum {string} */
                    role: "admin" | "operator" | "viewer";
                    scope?: {
                        workers?: string[];
                        labels?: {
                            [key: string]: string;
                        };
                    } | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        /** @enum {string} */
                        role: "admin" | "operator" | "viewer";
                        scope: {
                            workers?: string[];
                            labels?: {
                                [key: string]: string;
                            };
                        } | null;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1UsersUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        /** @enum {string} */
                        role: "admin" | "operator" | "viewer";
                        scope: {
                            workers?: string[];
                            labels?: {
                                [key: string]: string;
                            };
                        } | null;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteApiV1UsersUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        /** @enum {boolean} */
                        deleted: true;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    patchApiV1UsersUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password?: string;
                    /** @enum {string} */
                    role?: "admin" | "operator" | "viewer";
                    scope?: {
                        workers?: string[];
                        labels?: {
                            [key: string]: string;
                        };
                    } | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        /** @enum {string} */
                        role: "admin" | "operator" | "viewer";
                        scope: {
                            workers?: string[];
                            labels?: {
                                [key: string]: string;
                            };
                        } | null;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1WorkersWorkerIdAdminPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workerId: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The worker's body, verbatim */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    putApiV1WorkersWorkerIdAdminPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workerId: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The worker's body, verbatim */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    postApiV1WorkersWorkerIdAdminPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workerId: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The worker's body, verbatim */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteApiV1WorkersWorkerIdAdminPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workerId: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The worker's body, verbatim */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    patchApiV1WorkersWorkerIdAdminPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workerId: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The worker's body, verbatim */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1FleetOverview: {
        parameters: {
            query?: {
                workers?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        workers: {
                            worker_id: string;
                            name: string;
                            url: string;
                            region: string | null;
                            labels: {
                                [key: string]: string;
                            };
                            has_credential: boolean;
                            /** @enum {string} */
                            status: "healthy" | "degraded" | "unreachable" | "unknown";
                            latency_ms: number | null;
                            version: string | null;
                            last_seen_at: string | null;
                            checked_at: string | null;
                            since: string | null;
                            reason: string | null;
                            /** @enum {string|null} */
                            source: "probe" | "relay" | "fan-out" | "overview" | null;
                            counts: {
                                keys: number;
                                teams: number;
                                users: number;
                            } | null;
                            spend: number | null;
                            stale: boolean;
                            as_of: string | null;
                            error?: {
                                kind: string;
                                message: string;
                            };
                        }[];
                        generated_at: string;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1FleetHealth: {
        parameters: {
            query?: {
                workers?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        workers: {
                            /** @enum {string} */
                            status: "healthy" | "degraded" | "unreachable";
                            latency_ms: number | null;
                            version: string | null;
                            db: string | null;
                            checked_at: string;
                            last_seen_at: string | null;
                            since: string;
                            reason: string | null;
                            /** @enum {string} */
                            source: "probe" | "relay" | "fan-out" | "overview";
                            error?: {
                                kind: string;
                                message: string;
                            };
                            worker_id: string;
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1FleetSearch: {
        parameters: {
            query: {
                q: string;
                type?: "key" | "user" | "team" | "all";
                match?: "exact" | "contains";
                workers?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        matches: {
                            worker_id: string;
                            /** @enum {string} */
                            type: "key" | "user" | "team";
                            item?: unknown;
                        }[];
                        failures: {
                            worker_id: string;
                            error: {
                                kind: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1FleetSpend: {
        parameters: {
            query: {
                start: string;
                end: string;
                group_by?: "worker" | "team" | "model";
                workers?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        start: string;
                        end: string;
                        /** @enum {string} */
                        group_by: "worker" | "team" | "model";
                        total: number;
                        /** @enum {string} */
                        currency: "USD";
                        rows: {
                            key: string;
                            label: string;
                            spend: number;
                            worker_ids: string[];
                        }[];
                        workers: {
                            worker_id: string;
                            spend: number;
                            as_of: string;
                        }[];
                        missing: {
                            worker_id: string;
                            error: {
                                kind: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    postApiV1FleetPlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    desired: {
                        teams?: ({
                            team_alias: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        models?: ({
                            model_name: string;
                            litellm_params: {
                                model: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                        budgets?: ({
                            budget_id: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        keyPolicies?: ({
                            key_alias: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        organizations?: ({
                            organization_alias: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                    workers?: string[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        createdAt: string;
                        desired: {
                            [key: string]: unknown;
                        };
                        workers: {
                            workerId: string;
                            changes: {
                                /** @enum {string} */
                                resource: "teams" | "models" | "budgets" | "keyPolicies";
                                /** @enum {string} */
                                action: "create" | "update" | "noop";
                                id: string;
                                targetId?: string;
                                before?: {
                                    [key: string]: unknown;
                                };
                                after?: {
                                    [key: string]: unknown;
                                };
                                diff?: {
                                    field: string;
                                    from?: unknown;
                                    to?: unknown;
                                }[];
                                note?: string;
                            }[];
                            error?: {
                                kind: string;
                                message: string;
                                status?: number;
                                code?: string;
                            };
                        }[];
                        summary: {
                            create: number;
                            update: number;
                            noop: number;
                            failedWorkers: number;
                        };
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    postApiV1FleetApply: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan: {
                        id: string;
                        createdAt: string;
                        desired: {
                            teams?: ({
                                team_alias: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            models?: ({
                                model_name: string;
                                litellm_params: {
                                    model: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            budgets?: ({
                                budget_id: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            keyPolicies?: ({
                                key_alias: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            organizations?: ({
                                organization_alias: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                        workers: ({
                            workerId: string;
                            changes: ({
                                /** @enum {string} */
                                resource: "teams" | "models" | "budgets" | "keyPolicies";
                                /** @enum {string} */
                                action: "create" | "update" | "noop";
                                id: string;
                                targetId?: string;
                                before?: {
                                    [key: string]: unknown;
                                };
                                after?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                    /**
                     * @default stop
                     * @enum {string}
                     */
                    on_failure?: "stop" | "continue";
                    max_parallel?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        planId: string;
                        startedAt: string;
                        finishedAt: string;
                        /** @enum {string} */
                        status: "applied" | "unchanged" | "partial" | "failed" | "aborted";
                        workers: {
                            workerId: string;
                            /** @enum {string} */
                            status: "applied" | "unchanged" | "partial" | "failed" | "skipped";
                            changes: {
                                /** @enum {string} */
                                resource: "teams" | "models" | "budgets" | "keyPolicies";
                                /** @enum {string} */
                                action: "create" | "update" | "noop";
                                id: string;
                                targetId?: string;
                                before?: {
                                    [key: string]: unknown;
                                };
                                after?: {
                                    [key: string]: unknown;
                                };
                                diff?: {
                                    field: string;
                                    from?: unknown;
                                    to?: unknown;
                                }[];
                                note?: string;
                                /** @enum {string} */
                                status: "applied" | "unchanged" | "failed" | "skipped";
                                error?: {
                                    kind: string;
                                    message: string;
                                    status?: number;
                                    code?: string;
                                };
                            }[];
                            durationMs: number;
                            error?: {
                                kind: string;
                                message: string;
                                status?: number;
                                code?: string;
                            };
                        }[];
                        summary: {
                            applied: number;
                            unchanged: number;
                            failed: number;
                            skipped: number;
                        };
                        correlationId: string;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1FleetDrift: {
        parameters: {
            query: {
                baseline: string;
                resources?: string;
                workers?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        generatedAt: string;
                        baseline: {
                            /** @enum {string} */
                            kind: "worker";
                            workerId: string;
                        } | {
                            /** @enum {string} */
                            kind: "desired";
                        };
                        resources: ("teams" | "models" | "budgets" | "keyPolicies" | "organizations")[];
                        workers: {
                            workerId: string;
                            inSync: boolean;
                            differences: {
                                /** @enum {string} */
                                resource: "teams" | "models" | "budgets" | "keyPolicies" | "organizations";
                                id: string;
                                /** @enum {string} */
                                kind: "missing" | "extra" | "changed";
                                fields?: {
                                    field: string;
                                    from?: unknown;
                                    to?: unknown;
                                }[];
                            }[];
                            error?: {
                                kind: string;
                                message: string;
                                status?: number;
                                code?: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1FleetObjectsKind: {
        parameters: {
            query?: {
                workers?: string;
                labels?: string;
            };
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kind: string;
                        workers: {
                            workerId: string;
                            /** @enum {string} */
                            status: "ok" | "unavailable" | "error";
                            litellmVersion?: string;
                            /** @enum {string} */
                            reason?: "not_found" | "enterprise";
                            error?: {
                                kind: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                            items?: {
                                [key: string]: unknown;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1FleetObjectsKindSearch: {
        parameters: {
            query: {
                workers?: string;
                labels?: string;
                q: string;
                match?: "exact" | "contains";
            };
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description { kind, matches: [{ workerId, item }], workers: [{ workerId, status }] } */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1FleetObjectsKindDrift: {
        parameters: {
            query?: {
                workers?: string;
                labels?: string;
                baseline?: string;
                names?: string;
            };
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kind: string;
                        generatedAt: string;
                        baseline?: string;
                        objects: {
                            name: string;
                            reference: string;
                            presentOn: string[];
                            missingOn: string[];
                            differing: {
                                workerId: string;
                                fields: {
                                    field: string;
                                    from?: unknown;
                                    to?: unknown;
                                }[];
                            }[];
                            inSync: boolean;
                            summary: string;
                        }[];
                        workers: {
                            workerId: string;
                            /** @enum {string} */
                            status: "ok" | "unavailable" | "error";
                            litellmVersion?: string;
                            /** @enum {string} */
                            reason?: "not_found" | "enterprise";
                            error?: {
                                kind: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        }[];
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    postApiV1FleetObjectsKindPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    object: {
                        [key: string]: unknown;
                    };
                    workers?: string[];
                    labels?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description An AdminPlan: { id, kind, name, object, secretFields, workers: [{ workerId, action, diff?, note? }], summary } */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    postApiV1FleetObjectsKindApply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan: {
                        id: string;
                        /** @enum {string} */
                        kind: "mcpServers" | "guardrails" | "vectorStores" | "agents" | "prompts" | "tags" | "credentials" | "searchTools";
                        name: string;
                        object: {
                            [key: string]: unknown;
                        };
                        workers: ({
                            workerId: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description An AdminApplyResult: { planId, kind, name, status, workers: [{ workerId, status, note?, error? }], summary } */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getApiV1Audit: {
        parameters: {
            query?: {
                worker_id?: string;
                actor?: string;
                action?: string;
                status?: string;
                since?: string;
                until?: string;
                limit?: number;
                cursor?: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: {
                            id: string;
                            at: string;
                            actor: string;
                            worker_id: string | null;
                            action: string;
                            method: string | null;
                            path: string | null;
                            target: string | null;
                            status: number;
                            request_id: string;
                            correlation_id: string | null;
                            detail?: unknown;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Error envelope */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
}
