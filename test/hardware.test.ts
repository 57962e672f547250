import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HardwareReport } from '../app/hardware/model';
import { runCli } from './helpers/cli';
import { settled, testEngine } from './helpers/engine';
import { decodeErrors, makeClip, tempDir } from './helpers/media';

// This machine has no GPU: every hardware cell must say so, with a reason.

describe('hw', () => {
  const env = { ...process.env, XDG_CACHE_HOME: tempDir() };

  it('answers within seconds cold, instantly from cache, and never claims hardware that is not here', async () => {
    const coldStart = performance.now();
    const cold = await runCli(['hw', '--json'], env);
    const coldMs = performance.now() - coldStart;
    expect(cold.code).toBe(0);
    const report = JSON.parse(cold.stdout) as HardwareReport;
    expect(report.fromCache).toBe(false);
    // A hang guard, not a speed goal (the bench measures cold time): every cell has a
    // time box, so even a loaded machine answers well inside this.
    expect(coldMs).toBeLessThan(40_000);
    expect(report.cells).toHaveLength(8 * 4 * 2);
    expect(report.cells.filter((c) => c.status === 'available')).toEqual([]);
    for (const cell of report.cells) expect(cell.reason.length).toBeGreaterThan(10);
    // Compiled in, tested, and honestly unavailable: the lesson of HandBrake #1666.
    const nvenc = report.cells.find(
      (c) => c.backend === 'nvidia' && c.codec === 'h264' && c.direction === 'encode',
    );
    expect(nvenc).toMatchObject({ status: 'unavailable', implementation: 'h264_nvenc' });
    expect(nvenc?.reason).toMatch(/NVIDIA/);
    expect(nvenc?.ffmpegLine).toMatch(/libcuda/);
    expect(nvenc?.command).toContain('h264_nvenc');
    expect(report.cells.find((c) => c.backend === 'videotoolbox')?.status).toBe('not-applicable');

    const warm = await runCli(['hw', '--json'], env);
    const cached = JSON.parse(warm.stdout) as HardwareReport;
    expect(cached.fromCache).toBe(true);
    expect(cached.cells).toEqual(report.cells);

    const again = JSON.parse(
      (await runCli(['hw', '--json', '--refresh'], env)).stdout,
    ) as HardwareReport;
    expect(again.fromCache).toBe(false);
  });

  it('prints a table people can read', async () => {
    // From the report the test above left in the cache: the table is the same either way.
    const result = await runCli(['hw'], env);
    expect(result.stdout).toMatch(/backend\s+h264 enc\s+h264 dec/);
    expect(result.stdout).toMatch(/NVIDIA NVENC \/ NVDEC \(CUDA\):\n {2}no: .*h264 encode/);
  });
});

describe('hardware auto', () => {
  // The first job tests the hardware into this cache; the second starts from its report.
  const cacheDir = path.join(tempDir(), 'cache');

  it('a job asking for hardware succeeds in software here and says why', async () => {
    const dir = tempDir();
    const engine = await testEngine({ cacheDir });
    try {
      const clip = makeClip(path.join(dir, 'a.mp4'));
      const { ids } = await engine.jobs.add({
        paths: [clip],
        presetId: 'h264-mp4-gpu',
        outDir: path.join(dir, 'out'),
      });
      await engine.jobs.start();
      const [job] = await settled(engine, ids);
      expect(job?.status).toBe('done');
      expect(decodeErrors(job?.output ?? '')).toBe('');
      expect(job?.warnings.join('\n')).toMatch(
        /No hardware H\.264 encoder works on this machine \(NVIDIA NVENC \/ NVDEC \(CUDA\): No NVIDIA driver.*\); encoded in software\./,
      );
    } finally {
      await engine.dispose();
    }
  });

  it('when hardware that tested fine fails at run time, the job retries once in software and says so', async () => {
    const dir = tempDir();
    const file = path.join(cacheDir, 'hardware.json');
    if (!existsSync(file)) {
      const first = await testEngine({ cacheDir });
      await first.hardware.inspect({ refresh: true });
      await first.dispose();
    }
    // Pretend NVENC passed its test (as it would before a driver update broke it).
    const report = JSON.parse(readFileSync(file, 'utf8')) as HardwareReport;
    for (const cell of report.cells) {
      if (cell.backend === 'nvidia' && cell.codec === 'h264' && cell.direction === 'encode')
        cell.status = 'available';
    }
    writeFileSync(file, JSON.stringify(report));

    const engine = await testEngine({ cacheDir });
    try {
      const { ids } = await engine.jobs.add({
        paths: [makeClip(path.join(dir, 'a.mp4'))],
        presetId: 'h264-mp4-gpu',
        outDir: path.join(dir, 'out'),
      });
      await engine.jobs.start();
      const [job] = await settled(engine, ids);
      expect(job?.status).toBe('done');
      expect(job?.warnings).toContain('Encoded with h264_nvenc (hardware).');
      expect(job?.warnings.join('\n')).toMatch(/Fell back to software: h264_nvenc failed \(.+\)/);
      expect(decodeErrors(job?.output ?? '')).toBe('');
    } finally {
      await engine.dispose();
    }
  });
});
