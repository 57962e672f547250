import type { FramewrightApi } from '../../app/api/contract';
import type { Job } from '../../app/jobs/job';

/**
 * The api as a host serves it: the contract's, except that new jobs come as jobs (at
 * most ADDED_CHUNK an event, app/jobs/added.ts). The router compacts them into the
 * contract's `jobs.added` events for every transport (docs/ARCHITECTURE.md, Contracts).
 */
export type HostApi = Omit<FramewrightApi, 'jobs'> & {
  jobs: Omit<FramewrightApi['jobs'], 'onAdded'> & {
    onAdded(listener: (jobs: Job[]) => void): () => void;
  };
};
