import {statSync} from 'node:fs';
import type {KillSwitch, KillSwitchEvent, KillSwitchState} from '../decision';
import {killSwitchPath, readKillSwitchFile, type KillSwitchFile, type SwitchEntry} from './state-file';

const OFF: KillSwitchState = Object.freeze({active: false});
/** How often a watching process re-stats the state file: the longest another process's change can take to apply. */
export const POLL_MS = 250;

/**
 * The kill switch backed by the state file in the data dir. `check` reads memory only; the file is
 * re-read when it changes (polled every 250 ms, or at once when `reload()` is poked over the control channel).
 */
export class FileKillSwitch implements KillSwitch {
  private state: KillSwitchFile;
  private readonly listeners = new Set<(event: KillSwitchEvent) => void>();
  private readonly file: string;
  private timer?: NodeJS.Timeout;
  /** The file's identity when last read: a poll that sees another one reloads. */
  private signature: string;
  private cache = new Map<string, KillSwitchState>();

  constructor(dataDir: string) {
    this.file = killSwitchPath(dataDir);
    this.signature = this.stat();
    this.state = readKillSwitchFile(this.file);
  }

  check(connector: string): KillSwitchState {
    if (this.state.all) return this.stateOf(null);
    return this.state.connectors[connector] ? this.stateOf(connector) : OFF;
  }

  /** Snapshot of every switch that is on. */
  snapshot(): KillSwitchFile {
    return structuredClone(this.state);
  }

  subscribe(listener: (event: KillSwitchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts following the file (for long-running processes: the proxy). */
  watch(): void {
    if (this.timer) return;
    // Our own stat poll against the signature taken with the last read: a change between construction and
    // watch() is caught on the first tick (fs.watchFile's own baseline could swallow it).
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  /** Re-reads the file now and tells subscribers what changed. */
  reload(): KillSwitchEvent[] {
    const previous = this.state;
    this.signature = this.stat();
    this.state = readKillSwitchFile(this.file);
    this.cache = new Map();
    const events = diff(previous, this.state);
    for (const event of events) for (const listener of this.listeners) listener(event);
    return events;
  }

  private poll(): void {
    if (this.stat() !== this.signature) this.reload();
  }

  private stat(): string {
    try {
      const s = statSync(this.file);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return 'missing';
    }
  }

  private stateOf(connector: string | null): KillSwitchState {
    const key = connector ?? '';
    let state = this.cache.get(key);
    if (!state) {
      const entry = (connector === null ? this.state.all : this.state.connectors[connector]) as SwitchEntry;
      state = Object.freeze({
        active: true,
        scope: connector === null ? 'all' : 'connector',
        reason: entry.reason ?? (connector === null ? 'kill switch is on for every connector' : `kill switch is on for connector ${connector}`),
        since: entry.since,
        ...(entry.by ? {by: entry.by} : {}),
      } as KillSwitchState);
      this.cache.set(key, state);
    }
    return state;
  }
}

function diff(before: KillSwitchFile, after: KillSwitchFile): KillSwitchEvent[] {
  const events: KillSwitchEvent[] = [];
  const at = new Date().toISOString();
  const compare = (connector: string | null, a: SwitchEntry | null | undefined, b: SwitchEntry | null | undefined) => {
    if (!a && !b) return;
    if (a && b && a.since === b.since && a.reason === b.reason) return;
    if (b) events.push({active: true, connector, ...(b.reason ? {reason: b.reason} : {}), ...(b.by ? {by: b.by} : {}), at});
    else events.push({active: false, connector, ...(after.changed?.by ? {by: after.changed.by} : {}), at});
  };
  compare(null, before.all, after.all);
  for (const name of new Set([...Object.keys(before.connectors), ...Object.keys(after.connectors)])) {
    compare(name, before.connectors[name], after.connectors[name]);
  }
  return events;
}
