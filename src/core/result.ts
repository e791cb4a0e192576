// The results.json model. Every report (JUnit, HTML, console) is rendered from a RunResult by a pure function.
// Bump RESULT_SCHEMA_VERSION when a field changes meaning; src/report/results.schema.json is its contract.

export const RESULT_SCHEMA_VERSION = '1.0'

export type Severity = 'must' | 'should' | 'may'
export type Status = 'pass' | 'fail' | 'skip' | 'error'
export type Suite = 'api' | 'auth' | 'export'
export type Bilingual = { en: string; sv: string }

/** One HTTP exchange as recorded for evidence. Already redacted: nothing here may hold a secret. */
export interface Exchange {
  id: string // e1, e2, … unique within a run
  startedAt: string // ISO 8601 UTC
  durationMs: number
  request: {
    method: string
    url: string
    headers: Record<string, string>
    body?: string
  }
  response?: {
    status: number
    headers: Record<string, string>
    body?: string // excerpt, redacted
    bodyBytes: number // size on the wire (after decoding), before truncation
    truncated: boolean // body is an excerpt
  }
  error?: string // network error, timeout, size cap … (one line)
}

/** A finding: what the target did that the requirement forbids. */
export interface Failure {
  message: string
  expected?: string
  actual?: string
  evidence: string[] // exchange ids
}

/** A defect of the spec document that konform corrects rather than hold against a target; listed in every report. */
export interface Erratum {
  id: string // 'SS12000-2.1-E1'
  pointer: string // where in the document
  text: Bilingual
}

export interface RequirementInfo {
  ref: string // 'SS12000-PAGETOKEN'
  standard: string // 'SS 12000:2020 API 2.1.0'
  section: string // where in the standard: path/parameter/schema or section number
  text: Bilingual // what it demands, in plain words (quoted where the standard has words)
  url?: string
}

export interface CheckResult {
  /** Unique within a run: the check id, plus ' [METHOD /path]' when the check was expanded per operation. */
  name: string
  checkId: string
  operation?: string // 'GET /persons'
  suite: Suite
  title: Bilingual
  requirements: string[] // refs into RunResult.requirements
  severity: Severity
  status: Status
  reason?: string // skip: why not applicable; error: one-line cause
  failures: Failure[]
  notes: string[]
  evidence: Exchange[]
  startedAt: string
  durationMs: number
}

export interface Summary {
  total: number
  pass: number
  fail: number
  skip: number
  error: number
  bySeverity: Record<Severity, { total: number; pass: number; fail: number; skip: number; error: number }>
}

export interface RunResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION
  runId: string
  tool: { name: 'konform'; version: string; node: string }
  spec: { title: string; version: string; sha256: string; file: string; errata: Erratum[] }
  target: { url: string; builtIn: boolean; faults: string[] }
  profile: string
  suites: Suite[]
  startedAt: string
  finishedAt: string
  durationMs: number
  limits: {
    concurrency: number
    requestTimeoutMs: number
    checkTimeoutMs: number
    maxResponseBytes: number
    ratePerSecond: number
    allowWrites: boolean
  }
  /** The decision rule and its outcome: the run passes when every must-check passed (none failed or errored). */
  verdict: { passed: boolean; rule: Bilingual }
  summary: Summary
  requirements: Record<string, RequirementInfo>
  redaction: { secrets: boolean; personalData: boolean }
  results: CheckResult[]
  /** What the run does not test, with the reason (contract, missing input, not automated): export runs only. */
  notTested?: NotTested[]
}

/** An item of the export notes the run does not test: shown as "not tested — …", never silently left out. */
export interface NotTested {
  id: string // 'DA-25.1', 'EXP-012'
  basis: string // 'Data Act Art. 25(1)'
  title: Bilingual
  reason: Bilingual // 'not tested — check the contract'
}

export function summarise(results: readonly CheckResult[]): Summary {
  const empty = () => ({ total: 0, pass: 0, fail: 0, skip: 0, error: 0 })
  const s: Summary = { ...empty(), bySeverity: { must: empty(), should: empty(), may: empty() } }
  for (const r of results) {
    s.total++
    s[r.status]++
    s.bySeverity[r.severity].total++
    s.bySeverity[r.severity][r.status]++
  }
  return s
}

/** The decision rule: every must-check passed or was skipped as not applicable. */
export function mustPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.severity !== 'must' || r.status === 'pass' || r.status === 'skip')
}

export const VERDICT_RULE: Bilingual = {
  en: 'The target meets the profile when no must-check failed or ended in error; should- and may-checks are reported but do not decide.',
  sv: 'Målet uppfyller profilen när ingen skall-kontroll har fallerat eller slutat med fel; bör- och kan-kontroller redovisas men avgör inte.',
}
