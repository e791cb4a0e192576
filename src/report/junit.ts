// junit.xml for CI (GitLab, Jenkins, Azure): pure renderJunit(run) from a RunResult.
// Shape fixed by the Jenkins xunit plugin's junit-10.xsd (shared/specs/junit): <properties> only under <testsuite>
// (run identity), one <testcase> per CheckResult whose `name` carries the requirement refs and severity (GitLab shows
// only the name and keeps only the first of duplicate names), classname konform.<suite> (GitLab's Suite column).
// Bounded output: system-out and failure text capped per testcase, the whole file kept under a byte budget by
// dropping details (never testcases, so the counts stay right) with a note saying so.

import type { CheckResult, Exchange, RunResult, Suite } from '../core/result.js'

export interface JunitLimits {
  /** Upper bound for the whole file in UTF-8 bytes. Default 20 MiB (GitLab rejects files over 30 MB). */
  maxBytes: number
  /** Upper bound for one testcase's <system-out> content, and for one failure/error text. Default 64 KiB. */
  maxSystemOutBytes: number
}

export const DEFAULT_JUNIT_LIMITS: Readonly<JunitLimits> = { maxBytes: 20 * 1024 * 1024, maxSystemOutBytes: 64 * 1024 }

const SUITE_ORDER: readonly Suite[] = ['api', 'auth', 'export']
const MAX_NAME_CHARS = 1000 // testcase@name, before de-duplication
const MAX_MESSAGE_CHARS = 500 // failure/error/skipped @message
const MINIMAL_TEXT_BYTES = 1024 // failure/error text of a testcase whose details were dropped by the file budget

// ---- XML text handling -------------------------------------------------------------------------------------------

// Characters outside XML 1.0's Char production: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
// (With the `u` flag a lone surrogate is its own code point, so it falls outside both ranges below.)
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Drop characters XML 1.0 cannot carry at all (not even as character references). */
export function stripInvalidXml(s: string): string {
  return s.replace(INVALID_XML, '')
}

const TEXT_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
const ATTR_ESC: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
}

/** Escaped character data (element content). `>` is escaped too, so `]]>` can never appear. */
export function escText(s: string): string {
  return stripInvalidXml(s).replace(/[&<>]/g, (c) => TEXT_ESC[c])
}

/** Escaped attribute value; tab/LF/CR as character references so attribute normalisation keeps them. */
export function escAttr(s: string): string {
  return stripInvalidXml(s).replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESC[c])
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

/** One line, at most `max` characters (code points), for attribute values such as names and messages. */
function oneLine(s: string, max: number): string {
  const cut = s.length > max * 4 // bound the work on huge inputs; a split surrogate pair is stripped below
  const t = stripInvalidXml(cut ? s.slice(0, max * 4) : s)
    .replace(/\s+/g, ' ')
    .trim()
  const cps = Array.from(t)
  return cps.length > max || cut ? `${cps.slice(0, max - 1).join('')}…` : t
}

/**
 * Escaped text of at most `maxBytes` UTF-8 bytes. When `raw` does not fit, it is cut at a character boundary
 * (never inside an entity) and `note` is appended; the result including the note stays within `maxBytes`.
 */
function escTextCapped(raw: string, maxBytes: number, note: string): string {
  const full = escText(raw)
  if (utf8Bytes(full) <= maxBytes) return full
  const tail = escText(note)
  const budget = Math.max(0, maxBytes - utf8Bytes(tail))
  let used = 0
  const parts: string[] = []
  // Every character escapes to at least one byte, so the first `budget` code points are all we can need.
  let seen = 0
  for (const ch of stripInvalidXml(raw)) {
    if (seen++ > budget) break
    const piece = TEXT_ESC[ch] ?? ch
    const n = utf8Bytes(piece)
    if (used + n > budget) break
    parts.push(piece)
    used += n
  }
  return parts.join('') + tail
}

// ---- content of one testcase ----------------------------------------------------------------------------------

const fmtSeconds = (ms: number): string => (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3)
const fmtMs = (ms: number): string => `${Number.isFinite(ms) ? Math.round(ms) : 0} ms`

function testcaseName(r: CheckResult): string {
  const inParens = [r.requirements.join(', '), r.severity].filter((s) => s.length > 0).join('; ')
  return oneLine(`${r.name} (${inParens}) ${r.title.en}`, MAX_NAME_CHARS)
}

/** `e3 GET <url> -> 200 (123 ms)`, or `e5 GET <url> -> no response (10000 ms) [timeout …]`. */
export function exchangeLine(x: Exchange): string {
  const outcome = x.response ? String(x.response.status) : 'no response'
  const extra: string[] = []
  if (x.response?.truncated) extra.push(`body truncated, ${x.response.bodyBytes} bytes`)
  if (x.error) extra.push(x.error)
  const line = `${x.id} ${x.request.method} ${x.request.url} -> ${outcome} (${fmtMs(x.durationMs)})${extra.length ? ` [${extra.join('; ')}]` : ''}`
  return line.replace(/[\r\n]+/g, ' ')
}

function failureText(r: CheckResult): string {
  const blocks = r.failures.map((f, i) => {
    const lines = [`${r.failures.length > 1 ? `${i + 1}. ` : ''}${f.message}`]
    if (f.expected !== undefined) lines.push(`   expected: ${f.expected}`)
    if (f.actual !== undefined) lines.push(`   actual:   ${f.actual}`)
    if (f.evidence.length) lines.push(`   evidence: ${f.evidence.join(', ')}`)
    return lines.join('\n')
  })
  if (r.reason) blocks.unshift(r.reason)
  // The first exchange a finding cites, spelled out, so a CI log shows the proof without opening report.html.
  const firstId = r.failures.find((f) => f.evidence.length)?.evidence[0]
  const first = firstId === undefined ? undefined : r.evidence.find((x) => x.id === firstId)
  if (first) blocks.push(`first failing exchange: ${exchangeLine(first)}`)
  return blocks.join('\n')
}

function systemOutText(run: RunResult, r: CheckResult): string {
  const lines: string[] = []
  lines.push(`Check: ${r.name}`)
  lines.push(`Title: ${r.title.en}`)
  if (r.operation) lines.push(`Operation: ${r.operation}`)
  lines.push(`Severity: ${r.severity}`)
  lines.push(`Status: ${r.status}`)
  if (r.reason) lines.push(`Reason: ${r.reason}`)
  if (r.waiver) {
    lines.push(`Waiver: ${r.waiver.expired ? 'EXPIRED, counts as a failure' : 'waived'}; until ${r.waiver.expires}${r.waiver.by ? `; by ${r.waiver.by}` : ''}; ${r.waiver.reason}`)
    if (!r.waiver.expired && r.failures.length) lines.push(`Waived finding:\n${failureText(r)}`)
  }
  lines.push('Requirements:')
  if (r.requirements.length === 0) lines.push('  (none)')
  for (const ref of r.requirements) {
    const info = Object.prototype.hasOwnProperty.call(run.requirements, ref) ? run.requirements[ref] : undefined
    if (!info) {
      lines.push(`  ${ref}: (not in the requirement catalogue of this run)`)
      continue
    }
    lines.push(`  ${ref}: ${info.standard}, ${info.section}: ${info.text.en}${info.url ? ` <${info.url}>` : ''}`)
  }
  if (r.notes.length) {
    lines.push('Notes:')
    for (const n of r.notes) lines.push(`  - ${n}`)
  }
  lines.push('Evidence:')
  if (r.evidence.length === 0) lines.push('  (no HTTP exchanges)')
  for (const x of r.evidence) lines.push(`  ${exchangeLine(x)}`)
  return lines.join('\n')
}

interface Case {
  suite: Suite
  minimal: string
  full: string
  fullExtraBytes: number
}

const DETAILS_DROPPED =
  'Details of this testcase were left out to keep junit.xml under its size cap; see results.json or report.html.'

function renderCase(run: RunResult, r: CheckResult, name: string, limits: JunitLimits): Case {
  const open = `    <testcase name="${escAttr(name)}" classname="${escAttr(`konform.${r.suite}`)}" time="${fmtSeconds(r.durationMs)}">\n`
  const close = '    </testcase>\n'
  const outcome = (textMax: number): string => {
    // A failure under an unexpired waiver is reported as skipped with the waiver's reason (the failure text stays in
    // system-out), so CI stays green exactly when the verdict does; an expired waiver fails as before.
    if (r.waiver && !r.waiver.expired && (r.status === 'fail' || r.status === 'error')) {
      const msg = `waived until ${r.waiver.expires}${r.waiver.by ? ` by ${r.waiver.by}` : ''}: ${r.waiver.reason}`
      return `      <skipped message="${escAttr(oneLine(msg, MAX_MESSAGE_CHARS))}"/>\n`
    }
    switch (r.status) {
      case 'fail': {
        const msg = r.failures[0]?.message ?? r.reason ?? 'failed'
        const more = r.failures.length > 1 ? ` (+${r.failures.length - 1} more)` : ''
        const text = escTextCapped(failureText(r) || msg, textMax, '\n[... failure text truncated]')
        return `      <failure message="${escAttr(oneLine(msg, MAX_MESSAGE_CHARS) + more)}" type="${escAttr(r.severity)}">${text}</failure>\n`
      }
      case 'error': {
        const msg = r.reason ?? r.failures[0]?.message ?? 'error'
        const text = escTextCapped(failureText(r) || msg, textMax, '\n[... error text truncated]')
        return `      <error message="${escAttr(oneLine(msg, MAX_MESSAGE_CHARS))}">${text}</error>\n`
      }
      case 'skip':
        return `      <skipped message="${escAttr(oneLine(r.reason ?? 'skipped', MAX_MESSAGE_CHARS))}"/>\n`
      default:
        return ''
    }
  }
  const out = escTextCapped(
    systemOutText(run, r),
    limits.maxSystemOutBytes,
    `\n[... system-out truncated at ${limits.maxSystemOutBytes} bytes; the full record is in results.json and report.html]`,
  )
  const full = `${open}${outcome(limits.maxSystemOutBytes)}      <system-out>${out}</system-out>\n${close}`
  const brief = `Severity: ${r.severity}\nStatus: ${r.status}\nRequirements: ${oneLine(r.requirements.join(', '), MAX_NAME_CHARS)}\n`
  const minimal = `${open}${outcome(MINIMAL_TEXT_BYTES)}      <system-out>${escText(brief + DETAILS_DROPPED)}</system-out>\n${close}`
  return { suite: r.suite, minimal, full, fullExtraBytes: utf8Bytes(full) - utf8Bytes(minimal) }
}

// ---- the document ---------------------------------------------------------------------------------------------

function propertiesXml(run: RunResult, resultsSha256?: string): string {
  const props: [string, string][] = [
    // evidence (issue #7): what this file is, the results.json it was rendered from, the item tested
    ['konform.evidence', run.evidenceMode === 'full' ? 'NOT evidence: --evidence full, personal data unredacted' : 'redacted'],
    ...(resultsSha256 ? ([['results.sha256', resultsSha256]] as [string, string][]) : []),
    ...(run.report ? ([['report.issuedAt', run.report.issuedAt]] as [string, string][]) : []),
    ...(run.tool.commit ? ([['konform.commit', run.tool.commit]] as [string, string][]) : []),
    ...(run.tool.catalogueSha256 ? ([['konform.catalogueSha256', run.tool.catalogueSha256]] as [string, string][]) : []),
    ...(run.profileSha256 ? ([['profile.sha256', run.profileSha256]] as [string, string][]) : []),
    ...Object.entries(run.about ?? {}).map(([k, v]): [string, string] => [
      `about.${k}`,
      Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? Object.entries(v).map(([a, b]) => `${a}=${b}`).join(', ') : String(v),
    ]),
    ...(run.waivers ? ([['waivers', run.waivers.map((w) => `${w.check}${w.operation ? ` [${w.operation}]` : ''}: ${w.state}`).join('; ')]] as [string, string][]) : []),
    ...(run.validity ? ([['validUntil', run.validity.validUntil]] as [string, string][]) : []),
    ['konform.runId', run.runId],
    ['konform.tool', run.tool.name],
    ['konform.version', run.tool.version],
    ['konform.node', run.tool.node],
    ['spec.title', run.spec.title],
    ['spec.version', run.spec.version],
    ['spec.sha256', run.spec.sha256],
    ['spec.errata', run.spec.errata.map((e) => e.id).join(', ')],
    ['spec.file', run.spec.file],
    ['target.url', run.target.url],
    ['target.builtIn', String(run.target.builtIn)],
    ['target.faults', run.target.faults.join(', ')],
    ['profile', run.profile],
    ['startedAt', run.startedAt],
    ['finishedAt', run.finishedAt],
    ['verdict', run.verdict.passed ? 'pass' : 'fail'],
    ['verdict.rule', run.verdict.rule.en],
  ]
  const lines = props.map(([n, v]) => `      <property name="${escAttr(n)}" value="${escAttr(oneLine(v, 2000))}"/>\n`)
  return `    <properties>\n${lines.join('')}    </properties>\n`
}

interface Counts {
  tests: number
  failures: number
  errors: number
  skipped: number
  ms: number
}

function countsOf(results: readonly CheckResult[]): Counts {
  const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 }
  for (const r of results) {
    c.tests++
    if (r.waiver && !r.waiver.expired && (r.status === 'fail' || r.status === 'error')) c.skipped++
    else if (r.status === 'fail') c.failures++
    else if (r.status === 'error') c.errors++
    else if (r.status === 'skip') c.skipped++
    if (Number.isFinite(r.durationMs) && r.durationMs > 0) c.ms += r.durationMs
  }
  return c
}

/**
 * The run as JUnit XML valid against the Jenkins xunit plugin's junit-10.xsd. Pure.
 * `limits` exists for tests; callers use the defaults.
 */
export function renderJunit(run: RunResult, limits: Partial<JunitLimits> = {}, opts: { resultsSha256?: string } = {}): string {
  const lim: JunitLimits = { ...DEFAULT_JUNIT_LIMITS, ...limits }

  // One testsuite per suite present (declared for the run or holding results), in the fixed order api, auth, export;
  // results keep the run's order within their suite.
  const present = new Set<Suite>([...run.suites, ...run.results.map((r) => r.suite)])
  const suites = SUITE_ORDER.filter((s) => present.has(s))

  // testcase names unique across the file (GitLab keeps only the first of duplicates).
  const seen = new Set<string>()
  const cases = new Map<CheckResult, Case>()
  for (const suite of suites) {
    for (const r of run.results) {
      if (r.suite !== suite) continue
      let name = testcaseName(r)
      for (let i = 2; seen.has(name); i++) name = `${testcaseName(r)} #${i}`
      seen.add(name)
      cases.set(r, renderCase(run, r, name, lim))
    }
  }

  const all = countsOf(run.results.filter((r) => cases.has(r)))
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="konform" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" time="${fmtSeconds(run.durationMs)}">\n`
  const tail = '</testsuites>\n'
  const props = propertiesXml(run, opts.resultsSha256)

  // Byte budget: every testcase is always present in its minimal form; full details are granted in document order
  // while they fit. The truncation note (a testsuite-level system-out) is reserved up front.
  const noteFor = (n: number): string =>
    `    <system-out>${escText(
      `junit.xml size cap (${lim.maxBytes} bytes) reached: details of ${n} testcase(s) in this file were left out. ` +
        'Every testcase and its outcome is still listed; results.json and report.html hold the full record.',
    )}</system-out>\n`
  const openTag = (s: Suite, c: Counts): string =>
    `  <testsuite name="${escAttr(`konform.${s}`)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${fmtSeconds(c.ms)}" timestamp="${escAttr(run.startedAt)}">\n`
  let used = utf8Bytes(head) + utf8Bytes(tail) + utf8Bytes(noteFor(cases.size))
  for (const s of suites) {
    used += utf8Bytes(openTag(s, countsOf(run.results.filter((r) => r.suite === s)))) + utf8Bytes(props) + 15
  }
  for (const c of cases.values()) used += utf8Bytes(c.minimal)
  const detailed = new Set<Case>()
  for (const c of cases.values()) {
    if (used + c.fullExtraBytes > lim.maxBytes) break
    used += c.fullExtraBytes
    detailed.add(c)
  }
  const dropped = cases.size - detailed.size

  const parts: string[] = [head]
  suites.forEach((s, i) => {
    const mine = run.results.filter((r) => r.suite === s)
    parts.push(openTag(s, countsOf(mine)), props)
    for (const r of mine) {
      const c = cases.get(r)
      if (c) parts.push(detailed.has(c) ? c.full : c.minimal)
    }
    if (dropped > 0 && i === 0) parts.push(noteFor(dropped))
    parts.push('  </testsuite>\n')
  })
  parts.push(tail)
  return parts.join('')
}
