// The IPC channels between the preload and the main process. No imports: the sandboxed
// preload bundles this file and may require nothing but 'electron'.

export const CHANNELS = {
  /** Renderer → main (invoke): one CallMessage; resolves to its ReplyMessage. */
  call: 'framewright:call',
  /** Main → renderer (send): api events as ReplyMessage of type 'event'. */
  event: 'framewright:event',
  /** Renderer → main (invoke): reveal one job's output in the file manager. */
  reveal: 'framewright:reveal-output',
  /** Renderer → main (invoke): native open dialog; resolves to the chosen paths. */
  pick: 'framewright:pick-paths',
} as const;
