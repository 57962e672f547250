import type { FramewrightApi } from '../../../app/api/contract';
import type { HardwareService } from '../hardware';
import type { WorkerSupervisor } from '../supervisor';
import type { SettingsHolder } from './settings';

export function systemService(
  supervisor: WorkerSupervisor,
  settings: SettingsHolder,
): FramewrightApi['system'] {
  return { doctor: () => supervisor.request('configure', settings.binaries()) };
}

export function hardwareService(hardware: HardwareService): FramewrightApi['hardware'] {
  return {
    inspect: ({ refresh }) => hardware.inspect(refresh ?? false),
    saved: () => hardware.saved(),
  };
}
