import {spawn} from 'node:child_process';
import {constants} from 'node:os';

const RELAYED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];
/** Signals a terminal sends to the whole foreground process group, the child included. */
const FROM_TERMINAL = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT', 'SIGWINCH']);

/**
 * Runs the agent with inherited stdio, relays signals to it, and resolves with the exit code a shell
 * would report (128 + signal number when it died of a signal).
 */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {env, stdio: 'inherit'});
    const interactive = Boolean(process.stdin.isTTY);
    const relay = (signal: NodeJS.Signals) => {
      // Ctrl-C on a terminal already reached the child (same process group): relaying would deliver it twice,
      // which many programs take as "force quit".
      if (interactive && FROM_TERMINAL.has(signal)) return;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of RELAYED) process.on(signal, relay);
    const cleanup = () => {
      for (const signal of RELAYED) process.off(signal, relay);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      cleanup();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
