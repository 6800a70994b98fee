import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/** One switch that is on: why, since when, by whom. */
export interface SwitchEntry {
  reason?: string;
  since: string;
  by?: string;
}

/** The kill switch as persisted in the data dir, so it survives a proxy restart. */
export interface KillSwitchFile {
  version: 1;
  /** The global switch: every connector. */
  all: SwitchEntry | null;
  connectors: Record<string, SwitchEntry>;
  /** Who made the last change, so turning a switch off is attributed too. */
  changed?: {by?: string; at: string};
}

export const KILL_SWITCH_FILE = 'kill-switch.json';

export function killSwitchPath(dataDir: string): string {
  return path.join(dataDir, KILL_SWITCH_FILE);
}

export function emptyState(): KillSwitchFile {
  return {version: 1, all: null, connectors: {}};
}

/**
 * Reads the state file. Missing means off. An unreadable file fails closed (the global switch on),
 * because a kill switch that silently turns itself off is worse than one that needs `tf kill-switch off`.
 */
export function readKillSwitchFile(file: string): KillSwitchFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    return unreadable(file, (error as NodeJS.ErrnoException).code ?? 'error');
  }
  try {
    const data = JSON.parse(text) as Partial<KillSwitchFile>;
    if (!data || typeof data !== 'object') return unreadable(file, 'not an object');
    const connectors: Record<string, SwitchEntry> = {};
    for (const [name, entry] of Object.entries(data.connectors ?? {})) if (entry && typeof entry === 'object') connectors[name] = entry;
    const changed = data.changed && typeof data.changed === 'object' ? data.changed : undefined;
    return {version: 1, all: data.all && typeof data.all === 'object' ? data.all : null, connectors, ...(changed ? {changed} : {})};
  } catch {
    return unreadable(file, 'invalid JSON');
  }
}

function unreadable(file: string, why: string): KillSwitchFile {
  return {version: 1, all: {reason: `${file} is unreadable (${why}); run tf kill-switch off to reset`, since: new Date(0).toISOString()}, connectors: {}};
}

/** Writes atomically (temp file + rename), mode 0600, so readers never see half a file. */
export function writeKillSwitchFile(file: string, state: KillSwitchFile): void {
  mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2) + '\n', {mode: 0o600});
  renameSync(temp, file);
}

/** Turns a switch on (connector undefined: the global one) and returns the new state. */
export function switchOn(file: string, options: {connector?: string; reason?: string; by?: string; now?: Date}): KillSwitchFile {
  const state = readKillSwitchFile(file);
  const entry: SwitchEntry = {since: (options.now ?? new Date()).toISOString(), ...(options.reason ? {reason: options.reason} : {}), ...(options.by ? {by: options.by} : {})};
  if (options.connector) state.connectors[options.connector] = entry;
  else state.all = entry;
  state.changed = {at: entry.since, ...(options.by ? {by: options.by} : {})};
  writeKillSwitchFile(file, state);
  return state;
}

/** Turns a connector's switch off, or (no connector) every switch; returns the new state. */
export function switchOff(file: string, options: {connector?: string; by?: string; now?: Date}): KillSwitchFile {
  const state = options.connector ? readKillSwitchFile(file) : emptyState();
  if (options.connector) delete state.connectors[options.connector];
  state.changed = {at: (options.now ?? new Date()).toISOString(), ...(options.by ? {by: options.by} : {})};
  writeKillSwitchFile(file, state);
  return state;
}
