import { describe, expect, it } from 'vitest';
import { describeDecoder } from './decoder';

describe('describeDecoder', () => {
  it('says which decoder ran and whether on hardware', () => {
    expect(describeDecoder({ codec: 'h264', hwaccel: null })).toBe('h264 (software)');
    expect(describeDecoder({ codec: 'hevc', hwaccel: 'cuda' })).toBe('hevc on cuda (hardware)');
  });
});
