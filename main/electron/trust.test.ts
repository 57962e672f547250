import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isSameDocument } from './trust';

const rendererDir = path.resolve('/app/dist/renderer');
const index = pathToFileURL(path.join(rendererDir, 'index.html')).href;

describe('isSameDocument', () => {
  it.each([
    [index, true],
    [`${index}#/queue`, true],
    [`${index}?x=1`, true],
    [pathToFileURL(path.resolve('/app/dist/renderer/other.html')).href, false],
    [pathToFileURL(path.resolve('/tmp/evil/index.html')).href, false],
    ['https://example.com/index.html', false],
    ['about:blank', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isSameDocument(url, index)).toBe(expected);
  });
});

describe('isAllowedRequest', () => {
  it.each([
    [index, true],
    [pathToFileURL(path.join(rendererDir, 'assets/index-abc.js')).href, true],
    [pathToFileURL(path.resolve('/app/dist/renderer-evil/x.js')).href, false],
    [pathToFileURL(path.resolve('/etc/passwd')).href, false],
    [`${pathToFileURL(rendererDir).href}/../../main.js`, false],
    ['data:image/png;base64,AAAA', true],
    ['blob:file:///0a1b', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['framewright-preview://previews/req-1/after-2.5.png', true],
    ['https://example.com/', false],
    ['ws://127.0.0.1:1234/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedRequest(url, rendererDir)).toBe(expected);
  });
});
