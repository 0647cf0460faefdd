import { REDACTED, redactValue } from '@llm-control-plane/core';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

/** Structured logger; fields are redacted before they are written. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type JsonLoggerOptions = {
  /** Receives one JSON document per call, without the newline. @default writes to process.stderr */
  write?: (line: string) => void;
  /** @default 'info' */
  level?: LogLevel;
  /** Extra secrets to scrub from every line (for example the master key), wherever they appear. */
  secrets?: () => Iterable<string>;
  now?: () => number;
};

function describeError(error: unknown): unknown {
  if (error instanceof Error) {
    // Only name and message: stacks and causes may carry request bodies.
    return { name: error.name, message: error.message };
  }
  return error;
}

/** Logger writing JSON lines; credential fields and known secret values never reach the output. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const threshold = LEVEL_ORDER[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const log = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LEVEL_ORDER[level] < threshold) return;
    const prepared: LogFields = {};
    if (fields) {
      for (const [name, value] of Object.entries(fields)) {
        prepared[name] = name === 'error' || name === 'err' ? describeError(value) : value;
      }
    }
    let line = JSON.stringify({
      time: new Date(now()).toISOString(),
      level,
      message,
      ...(redactValue(prepared) as LogFields),
    });
    for (const secret of options.secrets?.() ?? []) {
      if (secret.length >= 4 && line.includes(secret)) line = line.split(secret).join(REDACTED);
    }
    write(line);
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** Discards everything; the default of `createControlPlane`, so embedding apps choose their own output. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
