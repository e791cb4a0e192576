// Console text: the summary table on stdout (results only) and one progress line per result on stderr.

import { failureIn } from '../core/failure.js'
import type { CheckResult, RunResult } from '../core/result.js'

const MARK: Record<CheckResult['status'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', error: 'ERROR' }

/** One result on one line, its finding or reason in `lang` (English where the check gave no Swedish). */
export function progressLine(r: CheckResult, lang: 'sv' | 'en' = 'en'): string {
  const first = r.failures[0] ? failureIn(r.failures[0], lang).message : ''
  const reason = lang === 'sv' && r.reasonSv ? r.reasonSv : r.reason
  return `${MARK[r.status].padEnd(5)} ${r.name}${r.status === 'fail' ? `: ${first}` : reason ? `: ${reason}` : ''}`
}

export function summaryTable(run: RunResult, lang: 'sv' | 'en'): string {
  const mark = (r: CheckResult): string =>
    r.waiver && (r.status === 'fail' || r.status === 'error') ? `${MARK[r.status]} (${r.waiver.expired ? 'WAIVER EXPIRED' : 'WAIVED'})` : MARK[r.status]
  const rows = run.results.map((r) => [r.name, r.severity, mark(r), r.title[lang]])
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
  const waived = s.waived ? (lang === 'sv' ? ` (${s.waived} undantagna)` : ` (${s.waived} waived)`) : ''
  const waivers = (run.waivers ?? [])
    .filter((w) => w.state !== 'applied')
    .map((w) =>
      lang === 'sv'
        ? `undantag för ${w.check}${w.operation ? ` [${w.operation}]` : ''}: ${w.state === 'expired' ? `gick ut ${w.expires}, räknas som avvikelse` : 'oanvänt, inget underkänt resultat matchade'}`
        : `waiver for ${w.check}${w.operation ? ` [${w.operation}]` : ''}: ${w.state === 'expired' ? `expired ${w.expires}, counts as a failure` : 'unused, no failing result matched'}`,
    )
  const notEvidence = run.evidenceMode === 'full' ? [lang === 'sv' ? 'INTE UNDERLAG: --evidence full, personuppgifter omaskerade' : 'NOT EVIDENCE: --evidence full, personal data unredacted'] : []
  return [line(head), ...rows.map(line), '', counts + waived, ...waivers, ...notEvidence, verdict].join('\n')
}
