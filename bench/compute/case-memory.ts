/** Peak RSS per case against Prism's (issue 7: ≤ 1×), the whole run's peaks, and the growth per created document. */
import type { BenchCase } from '../cases.js';
import type { CaseMemory, CasePeak, Results, RunFigures, ServerFigures } from '../types.js';
import { mb, round2 } from './units.js';

/**
 * One case's peaks, the sandbox ÷ Prism ratio (issue 7: ≤ 1×) and, for a case that creates state, the sandbox's
 * growth per created document.
 */
export function caseMemoryOf(c: BenchCase, peaks: CasePeak[], runs: RunFigures[], keepState: boolean): CaseMemory {
  const sandbox = peaks.find((p) => p.server === 'sandbox' && p.role === 'server');
  const prism = peaks.find((p) => p.server === 'prism' && p.role === 'server');
  const ratio = sandbox?.peakKb && prism?.peakKb ? round2(sandbox.peakKb / prism.peakKb) : null;
  const misses = ratio !== null && ratio > 1 ? [`peak RSS ${mb(sandbox!.peakKb!)} MB > ${prism!.label} ${mb(prism!.peakKb!)} MB (${ratio}×)`] : [];
  const others = peaks.filter((p) => (p.server === 'prism-silent' || p.server === 'wiremock-nojournal' || p.server === 'node-http') && p.role === 'server');
  const peers = others.map((p) => ({
    server: p.server as 'prism-silent' | 'wiremock-nojournal' | 'node-http',
    label: p.label,
    peakKb: p.peakKb,
    ratio: sandbox?.peakKb && p.peakKb ? round2(sandbox.peakKb / p.peakKb) : null,
  }));
  return { case: c.name, processes: peaks, ratio, ...(peers.length ? { peers } : {}), misses, ...(c.createsState && sandbox ? { perDocument: perDocumentOf(c, sandbox, runs, keepState) } : {}) };
}

/**
 * How much the sandbox's RSS grew per document the case created, approximately: (the case's peak − VmRSS just
 * before its first measured run) ÷ the most documents the sandbox held at once. The sandbox is reset before every
 * measured run, so the documents do not add up across runs: the most at once is the 201s of the largest single run
 * (with --keep-state they do add up: the 201s of every measured run). The baseline is taken after the warm-up, whose
 * documents the reset freed but whose heap V8 kept, so this reads low; the same from the case's start (before the
 * warm-up) reads high (it also counts the JIT and the request path's own growth): the two bracket the cost.
 */
function perDocumentOf(c: BenchCase, sandbox: CasePeak, runs: RunFigures[], keepState: boolean): NonNullable<CaseMemory['perDocument']> {
  const created = runs.filter((r) => r.case === c.name && r.server === 'sandbox').map((r) => r.statusCounts[String(c.expectedStatus)] ?? 0);
  const documents = keepState ? created.reduce((a, b) => a + b, 0) : Math.max(0, ...created);
  const growth = (fromKb: number | null) => {
    const growthKb = sandbox.peakKb !== null && fromKb !== null ? sandbox.peakKb - fromKb : null;
    return { growthKb, bytesPerDocument: growthKb !== null && documents > 0 ? Math.round((growthKb * 1024) / documents) : null };
  };
  return {
    documents,
    ...growth(sandbox.beforeMeasuredKb),
    fromCaseStart: growth(sandbox.startKb),
    definition: keepState
      ? "(the case's peak − VmRSS just before its first measured run) ÷ the 201s of all its measured runs (--keep-state: they accumulate)"
      : "(the case's peak − VmRSS just before its first measured run) ÷ the 201s of its largest measured run (the sandbox is reset before each run, so that is the most documents held at once)",
  };
}

export function memoryOf(servers: ServerFigures[], perCase: CaseMemory[]): Results['memory'] {
  const sandboxPeakMb = mb(servers.find((s) => s.label === 'sandbox')!.rss.peakKb);
  const prismPeakMb = Object.fromEntries(servers.filter((s) => s.label.startsWith('prism:')).map((s) => [s.label, mb(s.rss.peakKb)]));
  // [INF] The other peers' whole-run peaks are in `servers` (their rss); prismPeakMb keeps its meaning.
  // Per case only: the whole-run peak is the create case's, and each Prism process serves some cases only.
  const misses = perCase.flatMap((c) => c.misses.map((m) => `${c.case}: ${m}`));
  return { sandboxPeakMb, prismPeakMb, perCase, misses };
}
