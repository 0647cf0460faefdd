import { z } from 'zod';
import { nullish } from './common.js';

/** `/v2/login` body: `{redirect_url}` from 1.80.8, plus `token` from 1.83.10. */
export const V2LoginBodySchema = z.looseObject({ redirect_url: nullish.string, token: nullish.string });

/** Where the UI token came from, which tells the worker's login generation. */
export type LoginTokenSource =
  /** `token` in the `/v2/login` JSON body (LiteLLM 1.83.10 and later). */
  | 'v2_body'
  /** `Set-Cookie: token=` of `/v2/login` (LiteLLM 1.80.8 to 1.83.9). */
  | 'v2_cookie'
  /** `Set-Cookie: token=` of the form `POST /login` 303 (LiteLLM before 1.80.8). */
  | 'form_cookie'
  /** `/v3/login` one-time code exchanged at `/v3/login/exchange` (workers with `control_plane_url`). */
  | 'v3_code';

export type LoginResponse = {
  /** The worker's UI JWT; its `key` claim is a session virtual key (see `sessionKeyFromToken`). */
  token: string;
  redirect_url: string | undefined;
  source: LoginTokenSource;
};

export const LoginCodeResponseSchema = z.looseObject({ code: z.string(), expires_in: z.number() });
export type LoginCodeResponse = z.infer<typeof LoginCodeResponseSchema>;

export const ExchangeCodeResponseSchema = z.looseObject({ token: z.string(), redirect_url: z.string() });
export type ExchangeCodeResponse = z.infer<typeof ExchangeCodeResponseSchema>;

export type LoginRequest = { username: string; password: string };

export const UiConfigSchema = z.looseObject({
  server_root_path: nullish.string,
  proxy_base_url: nullish.string,
  auto_redirect_to_sso: nullish.boolean,
  admin_ui_disabled: nullish.boolean,
  sso_configured: nullish.boolean,
  is_control_plane: nullish.boolean,
  workers: z
    .array(z.looseObject({ worker_id: z.string(), name: nullish.string, url: nullish.string }))
    .nullish(),
});
export type UiConfig = z.infer<typeof UiConfigSchema>;
