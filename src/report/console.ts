// Console text: the summary table on stdout (results only) and one progress line per result on stderr.

import type { CheckResult, RunResult } from '../core/result.js'

const MARK: Record<CheckResult['status'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', error: 'ERROR' }

export function progressLine(r: CheckResult): string {
  return `${MARK[r.status].padEnd(5)} ${r.name}${r.status === 'fail' ? `: ${r.failures[0]?.message ?? ''}` : r.reason ? `: ${r.reason}` : ''}`
}

export function summaryTable(run: RunResult, lang: 'sv' | 'en'): string {
  const rows = run.results.map((r) => [r.name, r.severity, MARK[r.status], r.title[lang]])
  const head = lang === 'sv' ? ['KONTROLL', 'NIVÅ', 'STATUS', 'TITEL'] : ['CHECK', 'SEVERITY', 'STATUS', 'TITLE']
  const widths = [0, 1, 2].map((i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd()
  const s = run.summary
  const verdict =
    lang === 'sv'
      ? `Uppfyller skall-kraven i profil ${run.profile}: ${run.verdict.passed ? 'ja' : 'nej'}`
      : `Meets the must-requirements of profile ${run.profile}: ${run.verdict.passed ? 'yes' : 'no'}`
  const counts =
    lang === 'sv'
      ? `${s.total} resultat: ${s.pass} godkända, ${s.fail} underkända, ${s.error} fel, ${s.skip} överhoppade`
      : `${s.total} results: ${s.pass} passed, ${s.fail} failed, ${s.error} errors, ${s.skip} skipped`
  return [line(head), ...rows.map(line), '', counts, verdict].join('\n')
}
