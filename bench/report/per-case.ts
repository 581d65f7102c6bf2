import type { CaseMemory, CasePeak, Results } from '../types.js';
import { int, mbCell, table, times } from './table.js';

/**
 * `peak RSS per case`: each process's peak over the case (warm-up and measured runs), the sandbox ÷ the Prism
 * process that served the case (target ≤ 1×), and the growth per created document of a case that creates state.
 */
export function perCaseSection(r: Results, sandboxName: string): string[] {
  const perCase = r.memory.perCase;
  if (!perCase.length) return [];
  const all = perCase.flatMap((c) => c.processes);
  const replicaLabels = [...new Set(all.filter((p) => p.server === 'replicas').map((p) => p.label))];
  const withPrism = all.some((p) => p.server === 'prism');
  // The other peers: their serving process and the sandbox ÷ it, no target.
  const peerKinds = (['prism-silent', 'wiremock-nojournal', 'node-http'] as const).filter((k) => perCase.some((c) => c.peers?.some((p) => p.server === k)));
  const peakOf = (c: CaseMemory, match: (p: CasePeak) => boolean) => {
    const p = c.processes.find(match);
    return p ? mbCell(p.peakKb, p.exact) : '';
  };
  const startOf = (c: CaseMemory) => {
    const p = c.processes.find((x) => x.server === 'sandbox');
    return p ? mbCell(p.startKb) : '';
  };
  const rows = perCase.map((c) => [
    c.case,
    peakOf(c, (p) => p.server === 'sandbox'),
    ...replicaLabels.map((label) => peakOf(c, (p) => p.label === label)),
    ...(withPrism
      ? [
          peakOf(c, (p) => p.server === 'prism' && p.role === 'server'),
          c.ratio === null ? 'n/a' : times(c.ratio),
          c.ratio === null ? 'n/a' : c.misses.length ? 'MISS' : 'ok',
          peakOf(c, (p) => p.server === 'prism' && p.role === 'cli'),
        ]
      : []),
    ...peerKinds.flatMap((kind) => {
      const p = c.peers?.find((x) => x.server === kind);
      return p ? [mbCell(p.peakKb), p.ratio === null ? 'n/a' : times(p.ratio)] : ['', ''];
    }),
    startOf(c),
  ]);
  const head = [
    'case',
    `${sandboxName} MB`,
    ...replicaLabels.map((l) => `${l} MB`),
    ...(withPrism ? ['Prism MB', 'ratio', 'target ≤ 1×', 'Prism CLI MB'] : []),
    ...peerKinds.flatMap((k) => [`${k} MB`, 'ratio']),
    `${sandboxName} at case start MB`,
  ];
  const inexact = all.some((p) => !p.exact);
  return [
    `peak RSS per case (VmHWM reset before the case's first run on each process, read after its last${withPrism ? "; Prism = the worker process that served the case, its CLI parent beside it" : ''})`,
    table(head, rows, `l${'r'.repeat(head.length - 1)}`),
    ...(inexact ? ['* the high-water mark could not be reset: the highest VmRSS sampled every 250 ms during the case'] : []),
    ...perDocumentLines(perCase, sandboxName),
  ];
}

function perDocumentLines(perCase: CaseMemory[], sandboxName: string): string[] {
  return perCase.flatMap((c) => {
    const d = c.perDocument;
    if (!d) return [];
    const growth = (kb: number | null) => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
    const per = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024).toFixed(2)} kB`);
    return [
      `${c.case}: ${sandboxName} RSS per created document ≈ ${per(d.bytesPerDocument)} (grew ${growth(d.growthKb)} from just before the first measured run) to ${per(d.fromCaseStart.bytesPerDocument)} (${growth(d.fromCaseStart.growthKb)} from the case's start, before its warm-up), for ${int(d.documents)} documents held at once; approximate (notes and bench/README.md say why)`,
    ];
  });
}
