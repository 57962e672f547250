import type { FramewrightApi } from '../../../app/api/contract';
import { buildDiagnostics } from '../../log/diagnostics';
import type { HardwareService } from '../hardware';
import type { WorkerSupervisor } from '../supervisor';
import type { SettingsHolder } from './settings';

export function systemService(
  supervisor: WorkerSupervisor,
  settings: SettingsHolder,
  hardware: HardwareService,
): FramewrightApi['system'] {
  const doctor = () => supervisor.request('configure', settings.binaries());
  return {
    doctor,
    diagnostics: ({ includePaths }) =>
      buildDiagnostics({
        doctor,
        hardware: () => hardware.saved(),
        includePaths: includePaths ?? false,
      }),
  };
}

export function hardwareService(hardware: HardwareService): FramewrightApi['hardware'] {
  return {
    inspect: ({ refresh }) => hardware.inspect(refresh ?? false),
    saved: () => hardware.saved(),
  };
}
