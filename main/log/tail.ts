import { open } from 'node:fs/promises';

/** The last `count` lines of a text file (reading at most its last 256 KiB); [] when unreadable. */
export async function lastLines(file: string, count: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (length < size) lines.shift(); // a partial first line
    return lines.filter((line) => line !== '').slice(-count);
  } finally {
    await handle.close();
  }
}
