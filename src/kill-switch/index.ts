import {localUser, notifyKillSwitchChanged} from '../approvals/client';
import {killSwitchPath, readKillSwitchFile, switchOff, switchOn, type KillSwitchFile} from './state-file';

export {FileKillSwitch} from './kill-switch';
export * from './state-file';

/** Persists the change, then pokes running proxies so it applies before the command returns. */
export async function turnKillSwitchOn(dataDir: string, options: {connector?: string; reason?: string}): Promise<{state: KillSwitchFile; notified: number}> {
  const state = switchOn(killSwitchPath(dataDir), {...options, by: localUser()});
  return {state, notified: await notifyKillSwitchChanged(dataDir)};
}

export async function turnKillSwitchOff(dataDir: string, options: {connector?: string}): Promise<{state: KillSwitchFile; notified: number}> {
  const state = switchOff(killSwitchPath(dataDir), {...options, by: localUser()});
  return {state, notified: await notifyKillSwitchChanged(dataDir)};
}

export function killSwitchStatus(dataDir: string): KillSwitchFile & {active: boolean} {
  const state = readKillSwitchFile(killSwitchPath(dataDir));
  return {...state, active: state.all !== null || Object.keys(state.connectors).length > 0};
}
