// PGS (Blu-ray bitmap) subtitles written byte by byte: ffmpeg can copy and overlay them
// but cannot make them from text. Each segment: "PG", PTS and DTS (90 kHz), type, size.

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];

function segment(seconds: number, type: number, body: readonly number[]): Buffer {
  const header = Buffer.alloc(13);
  header.write('PG', 0, 'latin1');
  header.writeUInt32BE(Math.round(seconds * 90_000), 2);
  header.writeUInt8(type, 10);
  header.writeUInt16BE(body.length, 11);
  return Buffer.concat([header, Buffer.from(body)]);
}

const PCS = 0x16;
const WDS = 0x17;
const PDS = 0x14;
const ODS = 0x15;
const END = 0x80;

/** A composition on a `width`×`height` canvas; with a position, one object shown there. */
function composition(width: number, height: number, n: number, at?: [number, number]): number[] {
  // 0x10: 23.976 fps; the first composition starts an epoch (0x80), later ones are normal.
  const head = [...u16(width), ...u16(height), 0x10, ...u16(n), n === 0 ? 0x80 : 0x00, 0, 0];
  return at ? [...head, 1, 0, 0, 0, 0, ...u16(at[0]), ...u16(at[1])] : [...head, 0];
}

/** Two empty display sets on a 160x120 canvas (see test/fixtures/record.sh). */
export function emptyPgs(): Buffer {
  const set = (seconds: number): Buffer[] => [
    segment(seconds, PCS, composition(160, 120, 0)),
    segment(seconds, END, []),
  ];
  return Buffer.concat([...set(0.5), ...set(1)]);
}

/** One opaque white box (Y 235) shown from `from` to `to` seconds on a `width`×`height` canvas. */
export function boxPgs(
  canvas: { width: number; height: number },
  box: { x: number; y: number; width: number; height: number },
  from: number,
  to: number,
): Buffer {
  const { x, y, width: w, height: h } = box;
  const window = [1, 0, ...u16(x), ...u16(y), ...u16(w), ...u16(h)];
  // Each line: w pixels of palette entry 1 (run-length), then end of line.
  const rle = Array.from({ length: h }, () => [0, 0xc0 | (w >> 8), w & 0xff, 1, 0, 0]).flat();
  const size = rle.length + 4;
  const object = [0, 0, 0, 0xc0, (size >> 16) & 0xff, (size >> 8) & 0xff, size & 0xff];
  return Buffer.concat([
    segment(from, PCS, composition(canvas.width, canvas.height, 0, [x, y])),
    segment(from, WDS, window),
    segment(from, PDS, [0, 0, 1, 235, 128, 128, 255]),
    segment(from, ODS, [...object, ...u16(w), ...u16(h), ...rle]),
    segment(from, END, []),
    segment(to, PCS, composition(canvas.width, canvas.height, 1)),
    segment(to, WDS, window),
    segment(to, END, []),
  ]);
}
