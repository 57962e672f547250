// Parses ffmpeg's -vstats_file lines (version 2), one per encoded video frame:
// "out=  0 st=  0 frame=    1 q= 28.0 f_size=   1234 s_size=   1kB time= 0.040 br= … type= I"

export interface VstatsFrame {
  frame: number;
  qp: number;
  sizeBytes: number;
  timeSec: number;
  type: string;
}

const LINE =
  /frame=\s*(\d+)\s+q=\s*(-?[\d.]+).*?f_size=\s*(\d+).*?time=\s*(-?[\d.]+).*?type=\s*(\S)/;

export function parseVstatsLine(line: string): VstatsFrame | null {
  const m = LINE.exec(line);
  if (!m) return null;
  return {
    frame: Number(m[1]),
    qp: Number(m[2]),
    sizeBytes: Number(m[3]),
    timeSec: Number(m[4]),
    type: m[5] ?? '?',
  };
}

/** Splits a byte stream into complete lines (ffmpeg writes the file in ~4 KiB bursts). */
export class LineSplitter {
  private partial = '';

  push(chunk: string): string[] {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    return lines;
  }

  flush(): string[] {
    const rest = this.partial;
    this.partial = '';
    return rest === '' ? [] : [rest];
  }
}
