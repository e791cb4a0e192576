// Comparing two runs: diffRuns(a, b) matches results by `name` (unique within a run) and sorts every difference
// into one list: newly failing, fixed, still failing, other status changes, added, removed, severity changes.
// Waivers count: a failure that B's run waived (an unexpired waiver from --waivers) is not newly failing but
// listed as waived, and does not make B worse; an expired waiver fails again like any failure.
// It also says whether the two runs are comparable at all: a run against another spec document (sha256) or
// another profile tests different requirements, so its differences must not be read as the target's progress.
// Pure; renderDiffText(diff, lang) gives one line per change for a terminal.

import { isWaived, type CheckResult, type RunResult, type Severity, type Status } from '../core/result.js'

export interface RunIdentity {
  runId: string
  startedAt: string
  toolVersion: string
  specSha256: string
  specVersion: string
  profile: string
  target: string
  verdictPassed: boolean
}

/** A result's status and severity, and the waiver that covered it in its run (fail/error only). */
export interface ResultState {
  status: Status
  severity: Severity
  waiver?: { reason: string; expires: string; expired: boolean }
}

export interface ResultChange {
  name: string
  checkId: string
  /** The result in run A; absent for an added result. */
  before?: ResultState
  /** The result in run B; absent for a removed result. */
  after?: ResultState
}

export interface RunDiff {
  a: RunIdentity
  b: RunIdentity
  /** What differs between the runs besides their results. */
  differs: { spec: boolean; profile: boolean; tool: boolean; target: boolean }
  /** false when the runs used different spec documents or profiles: a check-by-check comparison is not meaningful. */
  comparable: boolean
  /** pass/skip in A, fail/error in B — not waived in B. */
  newlyFailing: ResultChange[]
  /** pass/skip in A (or only in B), fail/error in B under an unexpired waiver of B's run: known, not new. */
  waived: ResultChange[]
  /** fail/error in A, pass in B. */
  fixed: ResultChange[]
  /** fail/error in both (including fail ↔ error). */
  stillFailing: ResultChange[]
  /** Any other change of status: pass ↔ skip, fail/error → skip. */
  statusChanged: ResultChange[]
  /** Only in B (with its status: an added result that fails counts as worse). */
  added: ResultChange[]
  /** Only in A. */
  removed: ResultChange[]
  /** In both, with another severity (listed besides any status change). */
  severityChanged: ResultChange[]
  /** Names that occur more than once in one run (only the first is compared). */
  duplicateNames: string[]
  /** B is worse than A: a result newly fails, an added result fails, or the verdict went from passed to failed. */
  worse: boolean
}

const bad = (s: Status): boolean => s === 'fail' || s === 'error'

function identity(run: RunResult): RunIdentity {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    toolVersion: run.tool.version,
    specSha256: run.spec.sha256,
    specVersion: run.spec.version,
    profile: run.profile,
    target: run.target.url,
    verdictPassed: run.verdict.passed,
  }
}

function byName(results: readonly CheckResult[], duplicates: Set<string>): Map<string, CheckResult> {
  const map = new Map<string, CheckResult>()
  for (const r of results) {
    if (map.has(r.name)) duplicates.add(r.name)
    else map.set(r.name, r)
  }
  return map
}

function state(r: CheckResult): ResultState {
  const w = r.waiver && bad(r.status) ? { waiver: { reason: r.waiver.reason, expires: r.waiver.expires, expired: r.waiver.expired } } : {}
  return { status: r.status, severity: r.severity, ...w }
}

/** Compare run `a` (before) with run `b` (after). Lists follow B's result order; `removed` follows A's. */
export function diffRuns(a: RunResult, b: RunResult): RunDiff {
  const duplicates = new Set<string>()
  const inA = byName(a.results, duplicates)
  const inB = byName(b.results, duplicates)
  const d: RunDiff = {
    a: identity(a),
    b: identity(b),
    differs: {
      spec: a.spec.sha256 !== b.spec.sha256,
      profile: a.profile !== b.profile,
      tool: a.tool.version !== b.tool.version,
      target: a.target.url !== b.target.url,
    },
    comparable: a.spec.sha256 === b.spec.sha256 && a.profile === b.profile,
    newlyFailing: [],
    waived: [],
    fixed: [],
    stillFailing: [],
    statusChanged: [],
    added: [],
    removed: [],
    severityChanged: [],
    duplicateNames: [],
    worse: false,
  }
  for (const [name, rb] of inB) {
    const ra = inA.get(name)
    if (!ra) {
      d.added.push({ name, checkId: rb.checkId, after: state(rb) })
      if (isWaived(rb)) d.waived.push({ name, checkId: rb.checkId, after: state(rb) })
      continue
    }
    const change: ResultChange = { name, checkId: rb.checkId, before: state(ra), after: state(rb) }
    if (bad(rb.status) && !bad(ra.status)) (isWaived(rb) ? d.waived : d.newlyFailing).push(change)
    else if (bad(ra.status) && rb.status === 'pass') d.fixed.push(change)
    else if (bad(ra.status) && bad(rb.status)) d.stillFailing.push(change)
    else if (ra.status !== rb.status) d.statusChanged.push(change)
    if (ra.severity !== rb.severity) d.severityChanged.push(change)
  }
  for (const [name, ra] of inA) {
    if (!inB.has(name)) d.removed.push({ name, checkId: ra.checkId, before: state(ra) })
  }
  d.duplicateNames = [...duplicates].sort()
  d.worse =
    d.newlyFailing.length > 0 ||
    d.added.some((c) => c.after !== undefined && bad(c.after.status) && !(c.after.waiver && !c.after.waiver.expired)) ||
    (a.verdict.passed && !b.verdict.passed)
  return d
}

// ---- text -------------------------------------------------------------------------------------------------------

type Lang = 'sv' | 'en'

const LABEL = {
  newlyFailing: { en: 'NEWLY FAILING', sv: 'NYTT FEL' },
  waived: { en: 'WAIVED', sv: 'UNDANTAGEN' },
  fixed: { en: 'FIXED', sv: 'ÅTGÄRDAD' },
  stillFailing: { en: 'STILL FAILING', sv: 'FORTFARANDE FEL' },
  statusChanged: { en: 'STATUS', sv: 'STATUS' },
  added: { en: 'ADDED', sv: 'TILLKOMMEN' },
  removed: { en: 'REMOVED', sv: 'BORTTAGEN' },
  severityChanged: { en: 'SEVERITY', sv: 'NIVÅ' },
} as const

const STATUS: Record<Status, { en: string; sv: string }> = {
  pass: { en: 'pass', sv: 'godkänd' },
  fail: { en: 'fail', sv: 'underkänd' },
  skip: { en: 'skip', sv: 'ej utförd' },
  error: { en: 'error', sv: 'fel' },
}
const SEVERITY: Record<Severity, { en: string; sv: string }> = {
  must: { en: 'must', sv: 'skall' },
  should: { en: 'should', sv: 'bör' },
  may: { en: 'may', sv: 'kan' },
}

/** Text from a results.json (which anyone may have edited) made safe for a terminal: no control characters. */
function clean(s: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}

function runLine(label: string, r: RunIdentity, lang: Lang): string {
  const verdict = r.verdictPassed ? (lang === 'sv' ? 'godkänd' : 'passed') : lang === 'sv' ? 'underkänd' : 'failed'
  return `${label} ${clean(r.runId, 80)} ${clean(r.startedAt, 40)} konform ${clean(r.toolVersion, 40)}, spec ${clean(r.specVersion, 40)} sha256 ${clean(r.specSha256, 64)}, ${lang === 'sv' ? 'profil' : 'profile'} ${clean(r.profile, 80)}, ${clean(r.target, 200)}: ${verdict}`
}

/** The diff as text: who was compared, warnings, then one line per change, then a count line. */
export function renderDiffText(diff: RunDiff, lang: Lang): string {
  const sv = lang === 'sv'
  const lines: string[] = [runLine('A', diff.a, lang), runLine('B', diff.b, lang)]
  if (diff.differs.spec) {
    lines.push(
      sv
        ? `VARNING: körningarna använde olika specifikationsdokument (sha256 ${clean(diff.a.specSha256, 64)} och ${clean(diff.b.specSha256, 64)}); resultaten går inte att jämföra kontroll för kontroll`
        : `WARNING: the runs used different spec documents (sha256 ${clean(diff.a.specSha256, 64)} and ${clean(diff.b.specSha256, 64)}); the results are not comparable check by check`,
    )
  }
  if (diff.differs.profile) {
    lines.push(
      sv
        ? `VARNING: körningarna använde olika profiler (${clean(diff.a.profile, 80)} och ${clean(diff.b.profile, 80)})`
        : `WARNING: the runs used different profiles (${clean(diff.a.profile, 80)} and ${clean(diff.b.profile, 80)})`,
    )
  }
  if (diff.differs.tool) {
    lines.push(
      sv
        ? `OBS: olika versioner av konform (${clean(diff.a.toolVersion, 40)} och ${clean(diff.b.toolVersion, 40)}); kontroller kan ha ändrats`
        : `NOTE: different konform versions (${clean(diff.a.toolVersion, 40)} and ${clean(diff.b.toolVersion, 40)}); checks may have changed`,
    )
  }
  if (diff.differs.target) {
    lines.push(sv ? 'OBS: körningarna gick mot olika mål' : 'NOTE: the runs tested different targets')
  }
  for (const n of diff.duplicateNames) {
    lines.push(sv ? `VARNING: namnet ${clean(n)} förekommer flera gånger i en körning; bara det första jämförs` : `WARNING: the name ${clean(n)} occurs more than once in a run; only the first is compared`)
  }
  const st = (s: Status) => STATUS[s][lang]
  const sev = (s: Severity) => SEVERITY[s][lang]
  const width = Math.max(...Object.values(LABEL).map((l) => l[lang].length))
  const row = (kind: keyof typeof LABEL, c: ResultChange, what: string) => `${LABEL[kind][lang].padEnd(width)}  ${clean(c.name)}  ${what}`
  // What a waiver of B did to a failing result: waived until a date, or expired (so it counts).
  const waiverNote = (s: ResultState | undefined): string => {
    const w = s?.waiver
    if (!w) return ''
    if (w.expired) return sv ? `  (undantaget gick ut ${clean(w.expires, 20)})` : `  (waiver expired ${clean(w.expires, 20)})`
    return sv ? `  (undantag t.o.m. ${clean(w.expires, 20)}: ${clean(w.reason, 160)})` : `  (waived until ${clean(w.expires, 20)}: ${clean(w.reason, 160)})`
  }
  const transition = (c: ResultChange) => `${sev(c.after!.severity)}  ${st(c.before!.status)} → ${st(c.after!.status)}${waiverNote(c.after)}`
  for (const c of diff.newlyFailing) lines.push(row('newlyFailing', c, transition(c)))
  for (const c of diff.waived) lines.push(row('waived', c, c.before ? transition(c) : `${sev(c.after!.severity)}  ${sv ? 'ny' : 'new'}, ${st(c.after!.status)}${waiverNote(c.after)}`))
  for (const c of diff.fixed) lines.push(row('fixed', c, transition(c)))
  for (const c of diff.stillFailing) lines.push(row('stillFailing', c, transition(c)))
  for (const c of diff.statusChanged) lines.push(row('statusChanged', c, transition(c)))
  for (const c of diff.added) lines.push(row('added', c, `${sev(c.after!.severity)}  ${st(c.after!.status)}${waiverNote(c.after)}`))
  for (const c of diff.removed) lines.push(row('removed', c, `${sev(c.before!.severity)}  ${sv ? 'var' : 'was'} ${st(c.before!.status)}`))
  for (const c of diff.severityChanged) lines.push(row('severityChanged', c, `${sev(c.before!.severity)} → ${sev(c.after!.severity)}  ${st(c.after!.status)}`))
  const n = (xs: readonly unknown[]) => xs.length
  lines.push(
    sv
      ? `${n(diff.newlyFailing)} nya fel, ${n(diff.waived)} undantagna, ${n(diff.fixed)} åtgärdade, ${n(diff.stillFailing)} fortfarande fel, ${n(diff.statusChanged)} annan status, ${n(diff.added)} tillkomna, ${n(diff.removed)} borttagna, ${n(diff.severityChanged)} ändrad nivå; ${diff.worse ? 'B är sämre än A' : 'inget blev sämre'}`
      : `${n(diff.newlyFailing)} newly failing, ${n(diff.waived)} waived, ${n(diff.fixed)} fixed, ${n(diff.stillFailing)} still failing, ${n(diff.statusChanged)} other status changes, ${n(diff.added)} added, ${n(diff.removed)} removed, ${n(diff.severityChanged)} severity changes; ${diff.worse ? 'B is worse than A' : 'nothing got worse'}`,
  )
  return lines.join('\n')
}
