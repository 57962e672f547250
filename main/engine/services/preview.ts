import type { FramewrightApi } from '../../../app/api/contract';
import { UserFacingError } from '../../../app/util/errors';

// Wired by the preview work (placeholders until then).
export function previewService(): FramewrightApi['preview'] {
  return {
    make: () => Promise.reject(new UserFacingError('Not available yet.', 'unsupported')),
    cancel: () => Promise.resolve(),
  };
}
