/**
 * An error caused by the user's input (flags, files, config): printed as one line, no stack,
 * with a meaningful exit code. Anything else is a bug and keeps its stack under DEBUG.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Exit codes: 0 ok, 1 something checked failed (a parse entry, a fixture, a probe), 2 bad usage or config. */
export const EXIT = {ok: 0, failed: 1, usage: 2} as const;
