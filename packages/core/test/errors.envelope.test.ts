import { describe, expect, it } from 'vitest';
import { parseErrorEnvelope } from '../src/index.js';

describe('parseErrorEnvelope', () => {
  it('ProxyException', () => {
    const body = {
      error: { message: 'Key not found in database', type: 'not_found_error', param: 'key', code: '404' },
    };
    expect(parseErrorEnvelope(404, JSON.stringify(body))).toEqual({
      message: 'Key not found in database',
      type: 'not_found_error',
      param: 'key',
      code: '404',
      body,
    });
  });

  it('ProxyException with numeric code and "None" param', () => {
    const parsed = parseErrorEnvelope(
      500,
      JSON.stringify({ error: { message: 'x', type: 't', param: 'None', code: 500 } }),
    );
    expect(parsed.code).toBe('500');
    expect(parsed.param).toBeUndefined();
  });

  it('ProxyException carrying a Python repr', () => {
    const body = {
      error: {
        message: "{'error': 'Team id = t1 already exists. Please use a different team id.'}",
        type: 'internal_server_error',
        param: 'None',
        code: '400',
      },
    };
    expect(parseErrorEnvelope(400, JSON.stringify(body)).message).toBe(
      'Team id = t1 already exists. Please use a different team id.',
    );
  });

  it('{error: string}', () => {
    expect(parseErrorEnvelope(404, '{"error":"Model with ID X not found"}').message).toBe(
      'Model with ID X not found',
    );
  });

  it('{detail: {error}}', () => {
    expect(parseErrorEnvelope(404, '{"detail":{"error":"Organization not found"}}')).toMatchObject({
      message: 'Organization not found',
    });
  });

  it('{detail: string}', () => {
    expect(
      parseErrorEnvelope(403, '{"detail":"Admin access required to test model connections"}').message,
    ).toBe('Admin access required to test model connections');
  });

  it('{detail: [{loc, msg}]}', () => {
    const parsed = parseErrorEnvelope(
      422,
      JSON.stringify({ detail: [{ loc: ['query', 'team_id'], msg: 'Field required', type: 'missing' }] }),
    );
    expect(parsed).toMatchObject({
      message: 'query.team_id: Field required',
      type: 'validation_error',
      param: 'query.team_id',
    });
  });

  it('{message}', () => {
    expect(parseErrorEnvelope(400, '{"message":"plain"}').message).toBe('plain');
  });

  it('non-JSON, empty and very long bodies', () => {
    expect(parseErrorEnvelope(502, '<html>Bad Gateway</html>')).toEqual({
      message: '<html>Bad Gateway</html>',
    });
    expect(parseErrorEnvelope(500, '')).toEqual({ message: 'HTTP 500' });
    expect(parseErrorEnvelope(500, 'x'.repeat(2000)).message.length).toBeLessThan(600);
    expect(parseErrorEnvelope(500, '"just a string"').message).toBe('just a string');
    expect(parseErrorEnvelope(500, '{"unknown":1}').message).toBe('{"unknown":1}');
  });
});
