import path from 'node:path';

// Where the bundled CLI finds its siblings: dist/cli.js sits beside dist/worker.js,
// and resources/ is one level up from dist/.

export const distDir = __dirname;
export const workerPath = path.join(distDir, 'worker.js');
export const rendererDir = path.join(distDir, 'renderer');
export const presetsDir = path.join(distDir, '..', 'resources', 'presets');
