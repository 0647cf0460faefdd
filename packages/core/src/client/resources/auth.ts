import {
  type ExchangeCodeResponse,
  ExchangeCodeResponseSchema,
  type LoginCodeResponse,
  LoginCodeResponseSchema,
  type LoginRequest,
  type LoginResponse,
  LoginResponseSchema,
} from '../schemas/auth.js';
import type { CallOptions, Transport } from '../transport.js';

export interface AuthResource {
  login(body: LoginRequest, options?: CallOptions): Promise<LoginResponse>;
  loginWithCode(body: LoginRequest, options?: CallOptions): Promise<LoginCodeResponse>;
  exchangeCode(code: string, options?: CallOptions): Promise<ExchangeCodeResponse>;
}

export function createAuthResource(transport: Transport): AuthResource {
  return {
    /** POST /v2/login → { redirect_url, token } */
    login: (body: LoginRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/v2/login', body }, LoginResponseSchema, options),
    /** POST /v3/login → one-time { code, expires_in } (needs control_plane_url on the worker). */
    loginWithCode: (body: LoginRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/v3/login', body }, LoginCodeResponseSchema, options),
    /** POST /v3/login/exchange { code } → { token, redirect_url } */
    exchangeCode: (code: string, options?: CallOptions) =>
      transport.call(
        { method: 'POST', path: '/v3/login/exchange', body: { code } },
        ExchangeCodeResponseSchema,
        options,
      ),
  };
}
