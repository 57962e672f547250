import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// bench/reports/latest.json (everything, raw runs included), latest.md (the table a
// person reads) and latest.svg (the ratios against their goals, as bars).

const DIR = path.resolve(import.meta.dirname, '..', 'reports');
const VERDICT = { true: 'met', false: '**missed**', null: '—' };

function markdown(report) {
  const lines = [
    '# Framewright bench',
    '',
    `${report.when} · ${report.machine.cores} cores (${report.machine.cpu}), ${report.machine.memoryGb} GB, Node ${report.machine.node} · whole run ${report.totalSeconds} s`,
    '',
    'Medians of alternated repetitions; ratios are Framewright against the other contender',
    '(above 1 is better for speed-ups and throughput, below 1 is better for wall-time ratios).',
    '',
    '| comparison | measure | Framewright | other | value | goal | verdict |',
    '|---|---|---:|---:|---:|---|---|',
  ];
  for (const s of report.sections) {
    if (s.skipped || s.error) {
      lines.push(
        `| ${s.title} | ${s.skipped ? `skipped: ${s.skipped}` : 'error (see JSON)'} | | | | ${s.goal} | — |`,
      );
      continue;
    }
    for (const m of s.metrics) {
      const ms = (v) => (v === undefined ? '' : `${(v / 1000).toFixed(2)} s`);
      lines.push(
        `| ${s.title.replace(/^(\d+)\..*/, '$1')}. ${s.id} | ${m.name} | ${ms(m.framewrightMs)} | ${ms(m.otherMs)} | ${m.value} ${m.unit} | ${m.goal} | ${VERDICT[m.met]} |`,
      );
    }
  }
  lines.push('', '## Comparisons', '');
  for (const s of report.sections)
    lines.push(
      `- **${s.title}** — goal: ${s.goal}. Load per core at its start: ${s.loadPerCore ?? '?'}; took ${s.seconds} s.${s.notes ? ` ${s.notes}` : ''}`,
    );
  lines.push('', '![ratios against goals](latest.svg)', '');
  return lines.join('\n');
}

/** Horizontal bars: each ratio with a tick at its goal. */
function chart(report) {
  const bars = [];
  for (const s of report.sections)
    for (const m of s.metrics ?? []) {
      const goal = /([\d.]+)/.exec(m.goal)?.[1];
      if (m.unit === '×' && goal)
        bars.push({
          label: `${s.id}: ${m.name.slice(0, 58)}`,
          value: m.value,
          goal: Number(goal),
          met: m.met,
        });
    }
  const width = 760;
  const row = 34;
  const left = 380;
  const max = Math.max(2, ...bars.map((b) => b.value), ...bars.map((b) => b.goal)) * 1.1;
  const x = (v) => left + ((width - left - 20) * v) / max;
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = bars.map((b, i) => {
    const y = 30 + i * row;
    const colour = b.met === false ? '#c0392b' : b.met === true ? '#27ae60' : '#7f8c8d';
    return [
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="11">${esc(b.label)}</text>`,
      `<rect x="${left}" y="${y}" width="${x(b.value) - left}" height="20" fill="${colour}"/>`,
      `<line x1="${x(b.goal)}" x2="${x(b.goal)}" y1="${y - 3}" y2="${y + 23}" stroke="#000" stroke-width="2"/>`,
      `<text x="${x(b.value) + 4}" y="${y + 15}" font-size="11">${b.value}× (goal ${b.goal})</text>`,
    ].join('');
  });
  const height = 40 + bars.length * row;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif"><text x="10" y="18" font-size="13">Ratios (bars; green met, red missed, grey informational) and goals (black ticks)</text>${body.join('')}</svg>\n`;
}

export async function writeReports(report) {
  mkdirSync(DIR, { recursive: true });
  const files = {
    'latest.json': `${JSON.stringify(report, null, 2)}\n`,
    'latest.md': markdown(report),
    'latest.svg': chart(report),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(DIR, name), text);
  return Object.keys(files).map((name) => path.join(DIR, name));
}
