import type { FarmStatus } from '../../../app/api/contract';
import type { JobRunner } from '../../engine/job-queue';
import { checkFarm, farmClient } from '../../farm/connection';
import { farmRunner } from '../../farm/runner';
import { farmStatusSource } from '../../farm/status';
import { farmUrl } from './worker';

// `serve --farm URL`: the farm checked once at start (a wrong password is one sentence),
// then one client for the queue's runner and the app's Farm view.

export interface ServeFarm {
  label: string;
  runner: JobRunner;
  status: () => Promise<FarmStatus>;
  close: () => void;
}

export async function connectServeFarm(text: string): Promise<ServeFarm> {
  const farm = farmUrl(text);
  await checkFarm(farm);
  const client = farmClient(farm);
  const running = new Map<string, string>();
  return {
    label: farm.label,
    runner: farmRunner(farm, client, running),
    status: farmStatusSource(farm, client, running),
    close: () => client.disconnect(),
  };
}
