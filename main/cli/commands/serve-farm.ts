import type { FarmStatus } from '../../../app/api/contract';
import type { JobRunner } from '../../engine/job-queue';
import { checkFarm, farmClient } from '../../farm/connection';
import { farmRunner, type FarmHost } from '../../farm/runner';
import { farmStatusSource } from '../../farm/status';
import { farmUrl } from './worker';

// `serve --farm URL`: the farm checked once at start (a wrong password is one sentence),
// then one client for the queue's runner and the app's Farm view.

export interface ServeFarm {
  label: string;
  runner: JobRunner;
  status: () => Promise<FarmStatus>;
  /** Before the engine stops: its farm jobs keep running, followed again at the next start. */
  leave: () => void;
  close: () => void;
}

export async function connectServeFarm(text: string): Promise<ServeFarm> {
  const farm = farmUrl(text);
  await checkFarm(farm);
  const client = farmClient(farm);
  const host: FarmHost = { running: new Map(), leaving: false };
  return {
    label: farm.label,
    runner: farmRunner(farm, client, host),
    status: farmStatusSource(farm, client, host.running),
    leave: () => {
      host.leaving = true;
    },
    close: () => client.disconnect(),
  };
}
