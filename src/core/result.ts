// The results.json model. Every report (JUnit, HTML, console) is rendered from a RunResult by a pure function.
// Bump RESULT_SCHEMA_VERSION when a field changes meaning; src/report/results.schema.json is its contract.

export const RESULT_SCHEMA_VERSION = '1.2'
/** Versions this konform reads: 1.1 added only optional members (report, about, waivers, notTested …) to 1.0;
 *  1.2 only the Swedish texts of findings, reasons and notes (Failure.sv, CheckResult.reasonSv, CheckResult.notesSv). */
export const READABLE_SCHEMA_VERSIONS: readonly string[] = ['1.0', '1.1', '1.2']

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
  /** The finding in Swedish (schema 1.2): absent when the check wrote it in English only. */
  sv?: { message: string; expected?: string; actual?: string }
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
  /** The reason in Swedish (schema 1.2), when the check gave one. */
  reasonSv?: string
  failures: Failure[]
  notes: string[]
  /** The notes in Swedish (schema 1.2), index for index with notes (a language-neutral note repeated as is);
   *  absent when no note has Swedish. */
  notesSv?: string[]
  evidence: Exchange[]
  startedAt: string
  durationMs: number
  /** A waiver from --waivers that covers this failing result: not counted by the verdict unless expired. */
  waiver?: WaiverMark
}

// ---- evidence metadata (issue #7, R-01 … R-16) ------------------------------------------------------------------

/** How personal data and secrets were treated: 'redacted' is evidence; 'full' (--evidence full) is NOT evidence. */
export type EvidenceMode = 'redacted' | 'full'

/** The item tested and who tested it for whom: from --about FILE and the flags that override it. */
export interface About {
  vendor?: string
  product?: string
  /** Product version or release label (a SaaS deployment uses an artificial label such as "2026-06 release"). */
  version?: string
  /** Tenant or organisation scope the credentials see. */
  tenant?: string
  /** Declared capabilities (PICS): what the vendor says the system offers. */
  capabilities?: string[]
  /** Test configuration (PIXIT): further facts about the set-up, as label -> value. */
  configuration?: Record<string, string>
  testedBy?: string
  customer?: string
  organisation?: string
  signer?: string
}

/** One entry of a waivers file: a known failure, why it is accepted, until when. */
export interface Waiver {
  check: string
  /** Only the result of this operation ('GET /persons'); all results of the check when absent. */
  operation?: string
  reason: string
  /** Last day (YYYY-MM-DD, UTC) the waiver holds. */
  expires: string
  by?: string
}

export interface WaiverMark {
  reason: string
  expires: string
  by?: string
  /** The waiver had expired at the time of the run, so the failure counts again. */
  expired: boolean
}

/** A waiver and what it did in this run: applied to failures, expired, or matched no failure. */
export interface WaiverUse extends Waiver {
  state: 'applied' | 'expired' | 'unused'
  results: string[]
}

export interface Summary {
  total: number
  pass: number
  fail: number
  skip: number
  error: number
  /** Failures and errors covered by an unexpired waiver (counted in fail/error too). */
  waived?: number
  bySeverity: Record<Severity, { total: number; pass: number; fail: number; skip: number; error: number }>
}

export interface RunResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION
  runId: string
  /** what the document is and when it was issued. */
  report?: { title: Bilingual; issuedAt: string }
  tool: {
    name: 'konform'
    version: string
    node: string
    /** git commit of konform when run from a checkout ('unknown' from a package without .git). */
    commit?: string
    /** SHA-256 of the check catalogue (ids, severities, requirements, profiles): two runs with the same digest ran the same checks. */
    catalogueSha256?: string
    /** OS and architecture of the host that ran konform. */
    platform?: string
  }
  spec: { title: string; version: string; sha256: string; file: string; errata: Erratum[] }
  target: { url: string; builtIn: boolean; faults: string[] }
  profile: string
  /** SHA-256 of the profile definition (operations and checks it demands): the profile's version. */
  profileSha256?: string
  about?: About
  suites: Suite[]
  startedAt: string
  finishedAt: string
  durationMs: number
  /** where the times come from. */
  clock?: string
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
  redaction: { secrets: boolean; personalData: boolean; rules?: Bilingual[] }
  /** 'full' marks a debugging run whose artefacts hold raw values: NOT evidence. Absent = 'redacted'. */
  evidenceMode?: EvidenceMode
  /** how to run it again. */
  reproduce?: { command: string; nonDeterminism: Bilingual[] }
  /** what this run did not cover. */
  deviations?: {
    skipped: { name: string; reason: string }[]
    limitations: Bilingual[]
    /** Requirements in konform's catalogue that no check of this run tested (other profiles, suites, or none yet). */
    notTested?: string[]
    /** Why each of notTested was not tested (schema 1.2): profile or suites of the run, or no check yet. */
    notTestedWhy?: Record<string, Bilingual>
  }
  waivers?: WaiverUse[]
  /** */
  validity?: { validUntil: string; statement: Bilingual }
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
    if (isWaived(r)) s.waived = (s.waived ?? 0) + 1
  }
  return s
}

/** A failure or error covered by a waiver that had not expired. */
export function isWaived(r: CheckResult): boolean {
  return (r.status === 'fail' || r.status === 'error') && r.waiver !== undefined && !r.waiver.expired
}

/** The decision rule: every must-check passed, was skipped as not applicable, or failed under an unexpired waiver. */
/**
 * No must-check failed or ended in error (a waived failure aside), and, when the run has must-checks, at least one
 * ran and passed: a run whose must-checks were all skipped (nothing configured, nothing offered) tested nothing and
 * meets nothing. (A run of only should- or may-checks, e.g. --check of one, has no must-requirement to miss.)
 */
export function mustPassed(results: readonly CheckResult[]): boolean {
  const must = results.filter((r) => r.severity === 'must')
  return must.every((r) => r.status === 'pass' || r.status === 'skip' || isWaived(r)) && (must.length === 0 || must.some((r) => r.status === 'pass' || isWaived(r)))
}

export const VERDICT_RULE: Bilingual = {
  en: 'The target meets the profile when no must-check failed or ended in error and at least one must-check passed (a run whose must-checks were all skipped meets nothing); should- and may-checks are reported but do not decide.',
  sv: 'Målet uppfyller profilen när ingen skall-kontroll har fallerat eller slutat med fel och minst en skall-kontroll har godkänts (en körning där alla skall-kontroller hoppades över uppfyller ingenting); bör- och kan-kontroller redovisas men avgör inte.',
}

/** The rule when a waivers file was given: a waived failure does not decide until its waiver expires. */
export const VERDICT_RULE_WAIVERS: Bilingual = {
  en: 'The target meets the profile when no must-check failed or ended in error, except failures covered by a waiver that has not expired (listed under waivers), and at least one must-check passed; an expired waiver counts as a failure; should- and may-checks are reported but do not decide.',
  sv: 'Målet uppfyller profilen när ingen skall-kontroll har fallerat eller slutat med fel, utom avvikelser som täcks av ett undantag som inte har gått ut (listade under undantag), och minst en skall-kontroll har godkänts; ett utgånget undantag räknas som avvikelse; bör- och kan-kontroller redovisas men avgör inte.',
}
