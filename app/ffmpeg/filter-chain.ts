// The video chain is one ordered list, emitted once per output: as `-vf` when it is a
// straight line of filters, or as `-filter_complex` when it overlays another stream
// (a bitmap subtitle), with the output labelled for `-map`.

/** A step of the video chain: a filter, or an overlay of another input stream (`0:3`). */
export type ChainItem = string | { overlay: string };

export interface EmittedChain {
  /** `-vf …`, `-filter_complex …` or nothing. */
  args: string[];
  /** What the output maps as its video: the source stream or the graph's output. */
  map: string;
}

export function emitChain(source: string, items: readonly ChainItem[]): EmittedChain {
  const filters = items.filter((item): item is string => typeof item === 'string');
  if (filters.length === items.length)
    return { args: filters.length > 0 ? ['-vf', filters.join(',')] : [], map: source };
  const graph: string[] = [];
  let head = `[${source}]`;
  let run: string[] = [];
  items.forEach((item, n) => {
    if (typeof item === 'string') {
      run.push(item);
      return;
    }
    graph.push(`${head}${run.length > 0 ? run.join(',') : 'null'}[v${n}]`);
    // The subtitle's canvas is the source's; it is scaled to the picture it lands on.
    graph.push(`[${item.overlay}][v${n}]scale2ref=w=iw:h=ih[s${n}][m${n}]`);
    head = `[m${n}][s${n}]`;
    run = ['overlay=eof_action=pass'];
  });
  graph.push(`${head}${run.join(',')}[vout]`);
  return { args: ['-filter_complex', graph.join(';')], map: '[vout]' };
}
