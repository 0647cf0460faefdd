import { z } from 'zod';
import { optionalBoolean, optionalString } from './common.js';

export const LoginResponseSchema = z.looseObject({ redirect_url: z.string(), token: z.string() });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const LoginCodeResponseSchema = z.looseObject({ code: z.string(), expires_in: z.number() });
export type LoginCodeResponse = z.infer<typeof LoginCodeResponseSchema>;

export const ExchangeCodeResponseSchema = z.looseObject({ token: z.string(), redirect_url: z.string() });
export type ExchangeCodeResponse = z.infer<typeof ExchangeCodeResponseSchema>;

export type LoginRequest = { username: string; password: string };

export const UiConfigSchema = z.looseObject({
  server_root_path: optionalString,
  proxy_base_url: optionalString,
  auto_redirect_to_sso: optionalBoolean,
  admin_ui_disabled: optionalBoolean,
  sso_configured: optionalBoolean,
  is_control_plane: optionalBoolean,
  workers: z
    .array(z.looseObject({ worker_id: z.string(), name: optionalString, url: optionalString }))
    .nullish(),
});
export type UiConfig = z.infer<typeof UiConfigSchema>;
