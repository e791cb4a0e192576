// report.html: pure renderHtml(run, lang) → one self-contained file for a procurement officer or evaluator.
// Order: verdict and identification first, then requirement traceability, then every check with its evidence.
// Security: a hostile target controls response bodies and headers, so every string from the run goes through esc()
// (text and attribute context alike); run data never enters <script> or <style>; a CSP meta forbids any network
// access, and no src/href points anywhere but inside the document.

import { failureIn } from '../../core/failure.js'
import { requirementRow } from '../traceability.js'
import { summarise, type CheckResult, type Exchange, type RunResult, type Severity, type Status } from '../../core/result.js'
import { SCRIPT } from './script.js'
import { STRINGS, t, type Lang, type StringKey } from './strings.js'
import { notTestedSection } from './not-tested.js'
import { CSS } from './style.js'
import { aboutSection, evidenceFacts, evidenceSections, notEvidenceBanner, redactionRules, waiverNote } from './evidence.js'

export type { Lang } from './strings.js'

const STATUSES: readonly Status[] = ['pass', 'fail', 'skip', 'error']
const SEVERITIES: readonly Severity[] = ['must', 'should', 'may']
const BODY_DISPLAY_CHARS = 64 * 1024 // longer bodies are cut in the HTML (results.json keeps the recorded excerpt)
const PRETTY_JSON_MAX_CHARS = 1024 * 1024

export const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

// ---- escaping ---------------------------------------------------------------------------------------------------

/** Make characters that HTML cannot show (or shows misleadingly) visible: C0 controls become Unicode control
 *  pictures (NUL → ␀), DEL → ␡; C1 controls, lone surrogates and U+FFFE/U+FFFF become U+FFFD. */
function visible(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu, (c) => {
    const code = c.charCodeAt(0)
    if (code < 0x20) return String.fromCharCode(0x2400 + code)
    if (code === 0x7f) return '\u2421'
    return '\uFFFD'
  })
}

const HTML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** HTML-escape for text and for quoted attribute values. */
export function esc(s: string | number | boolean): string {
  return visible(String(s)).replace(/[&<>"']/g, (c) => HTML_ESC[c])
}

// ---- small formatters ---------------------------------------------------------------------------------------------

function fmtTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso)
  return m ? `${m[1]} ${m[2]} UTC` : iso
}

function fmtDuration(ms: number, lang: Lang): string {
  if (!Number.isFinite(ms) || ms < 0) return '–'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace('.', lang === 'sv' ? ',' : '.')} s`
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)} min ${s % 60} s`
}

const statusLabel = (lang: Lang, s: Status): string => t(lang, `status.${s}` as StringKey)
const severityLabel = (lang: Lang, s: Severity): string => t(lang, `severity.${s}` as StringKey)
const badge = (lang: Lang, s: Status): string => `<span class="badge ${esc(s)}">${esc(statusLabel(lang, s))}</span>`

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name) return headers[k]
  return undefined
}

const shellQuote = (s: string): string => (/^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)

/** Redaction markers of secrets the reader has and can export, and the variable that stands for each in curl.
 *  `«access-token»` is the token konform fetched with client credentials: to repeat the call, the reader exports
 *  an access token of their own. Every other marker («redacted», «name-1» …) stays as it is. */
const SECRET_VARIABLES: readonly (readonly [marker: string, variable: CurlVariable])[] = [
  ['«access-token»', 'KONFORM_TOKEN'],
  ['«KONFORM_TOKEN»', 'KONFORM_TOKEN'],
  ['«KONFORM_CLIENT_SECRET»', 'KONFORM_CLIENT_SECRET'],
  ['«secret:KONFORM_CLIENT_SECRET»', 'KONFORM_CLIENT_SECRET'],
]

export type CurlVariable = 'KONFORM_TOKEN' | 'KONFORM_CLIENT_ID' | 'KONFORM_CLIENT_SECRET'

type Segment = { text: string } | { variable: CurlVariable }

/** Text with secret markers cut out as variable segments. */
function segments(s: string): Segment[] {
  const out: Segment[] = []
  let rest = s
  for (;;) {
    let at = -1
    let hit: (typeof SECRET_VARIABLES)[number] | undefined
    for (const entry of SECRET_VARIABLES) {
      const i = rest.indexOf(entry[0])
      if (i !== -1 && (at === -1 || i < at)) [at, hit] = [i, entry]
    }
    if (!hit) break
    if (at > 0) out.push({ text: rest.slice(0, at) })
    out.push({ variable: hit[1] })
    rest = rest.slice(at + hit[0].length)
  }
  if (rest || out.length === 0) out.push({ text: rest })
  return out
}

/** One shell word: literal text can never expand (single quotes, or double quotes only when it holds nothing the
 *  shell would act on there), variables do. */
function shellWord(parts: readonly Segment[]): string {
  if (parts.every((p) => 'text' in p)) return shellQuote(parts.map((p) => ('text' in p ? p.text : '')).join(''))
  if (parts.every((p) => !('text' in p) || !/[$`\\"!]/.test(p.text))) {
    return `"${parts
      .map((p, i) => {
        if ('text' in p) return p.text
        const next = parts[i + 1]
        return next && 'text' in next && /^[A-Za-z0-9_]/.test(next.text) ? `\${${p.variable}}` : `$${p.variable}`
      })
      .join('')}"`
  }
  return parts.map((p) => ('text' in p ? (p.text ? `'${p.text.replace(/'/g, `'\\''`)}'` : '') : `"$${p.variable}"`)).join('')
}

function curlCommand(x: Exchange): { text: string; variables: CurlVariable[] } {
  const used = new Set<CurlVariable>()
  const word = (s: string): string => {
    const parts = segments(s)
    for (const p of parts) if ('variable' in p) used.add(p.variable)
    return shellWord(parts)
  }
  const parts = [`curl -X ${shellQuote(x.request.method)} ${word(x.request.url)}`]
  for (const [k, v] of Object.entries(x.request.headers)) {
    const name = k.toLowerCase()
    if (['host', 'content-length', 'connection'].includes(name)) continue
    if (name === 'authorization' && /^Basic\s+«(?:secret:)?KONFORM_CLIENT_SECRET»$/i.test(v)) {
      // client_secret_basic: base64 of id:secret, all of it redacted. curl builds the header from the two.
      used.add('KONFORM_CLIENT_ID').add('KONFORM_CLIENT_SECRET')
      parts.push('-u "$KONFORM_CLIENT_ID:$KONFORM_CLIENT_SECRET"')
      continue
    }
    parts.push(`-H ${word(`${name === 'authorization' ? 'Authorization' : k}: ${v}`)}`)
  }
  if (x.request.body !== undefined) parts.push(`--data-raw ${word(x.request.body)}`)
  const order: CurlVariable[] = ['KONFORM_TOKEN', 'KONFORM_CLIENT_ID', 'KONFORM_CLIENT_SECRET']
  return { text: parts.join(' \\\n  '), variables: order.filter((v) => used.has(v)) }
}

/** A curl command that repeats the request, from the redacted record: the secrets a reader can export appear as
 *  shell variables ($KONFORM_TOKEN, $KONFORM_CLIENT_SECRET), every other redacted value as its marker. */
export function curlFor(x: Exchange): string {
  return curlCommand(x).text
}

/** The environment variables curlFor(x) expects. */
export function curlVariables(x: Exchange): CurlVariable[] {
  return curlCommand(x).variables
}

// ---- sections -----------------------------------------------------------------------------------------------------

function fact(label: string, valueHtml: string): string {
  return `<dt>${esc(label)}</dt><dd>${valueHtml}</dd>`
}

function summarySection(run: RunResult, lang: Lang, resultsSha256?: string): string {
  const yesNo = t(lang, run.verdict.passed ? 'yes' : 'no')
  const headline = t(lang, 'verdictHeadline', { profile: run.profile, answer: yesNo })
  const s = summarise(run.results)

  let target = `<span class="mono">${esc(run.target.url)}</span>`
  if (run.target.builtIn) target += ` <span class="muted">(${esc(t(lang, 'builtInTarget'))})</span>`
  const facts = [
    fact(t(lang, 'target'), target),
    ...(run.target.faults.length
      ? [fact(t(lang, 'faults'), run.target.faults.map((f) => `<code>${esc(f)}</code>`).join(', '))]
      : []),
    fact(t(lang, 'profile'), `<strong>${esc(run.profile)}</strong>`),
    fact(t(lang, 'suites'), esc(run.suites.join(', '))),
    fact(t(lang, 'date'), `${esc(fmtTime(run.startedAt))} – ${esc(fmtTime(run.finishedAt))}`),
    fact(t(lang, 'duration'), esc(fmtDuration(run.durationMs, lang))),
    fact(t(lang, 'runId'), `<code>${esc(run.runId)}</code>`),
    ...evidenceFacts(run, lang, resultsSha256),
    fact(t(lang, 'toolVersion'), `${esc(run.tool.name)} ${esc(run.tool.version)}`),
    fact(t(lang, 'nodeVersion'), esc(run.tool.node)),
    fact(t(lang, 'specification'), `${esc(run.spec.title)} ${esc(run.spec.version)}`),
    fact(t(lang, 'sha256'), `<code>${esc(run.spec.sha256)}</code>`),
    fact(t(lang, 'specFile'), `<code>${esc(run.spec.file)}</code>`),
    fact(
      t(lang, 'errata'),
      run.spec.errata.length
        ? `<ul class="errata">${run.spec.errata.map((e) => `<li><code>${esc(e.id)}</code> ${esc(e.text[lang])}</li>`).join('')}</ul>`
        : esc(t(lang, 'noErrata')),
    ),
    fact(
      t(lang, 'limits'),
      esc(
        t(lang, 'limitsText', {
          concurrency: run.limits.concurrency,
          rate: run.limits.ratePerSecond,
          requestTimeout: run.limits.requestTimeoutMs,
          checkTimeout: run.limits.checkTimeoutMs,
          maxBytes: run.limits.maxResponseBytes,
          writes: t(lang, run.limits.allowWrites ? 'writesAllowed' : 'readOnly'),
        }),
      ),
    ),
    fact(
      t(lang, 'redaction'),
      esc(
        t(lang, 'redactionText', {
          secrets: t(lang, run.redaction.secrets ? 'redacted' : 'notRedacted'),
          personal: t(lang, run.redaction.personalData ? 'redacted' : 'notRedacted'),
        }),
      ),
    ),
  ]

  const head = `<tr><th scope="col">${esc(t(lang, 'severity'))}</th>${STATUSES.map(
    (st) => `<th scope="col" class="num">${badge(lang, st)}</th>`,
  ).join('')}<th scope="col" class="num">${esc(t(lang, 'total'))}</th></tr>`
  const row = (label: string, c: { total: number } & Record<Status, number>): string =>
    `<tr><th scope="row">${label}</th>${STATUSES.map((st) => `<td class="num">${c[st]}</td>`).join('')}<td class="num"><strong>${c.total}</strong></td></tr>`
  const rows = [
    ...SEVERITIES.map((sev) => row(esc(severityLabel(lang, sev)), s.bySeverity[sev])),
    row(esc(t(lang, 'total')), s),
  ]

  return `<section id="summary" aria-labelledby="h-summary">
<h2 id="h-summary">${esc(t(lang, 'summary'))}</h2>
${notEvidenceBanner(run, lang)}
<p class="verdict ${run.verdict.passed ? 'yes' : 'no'}" id="verdict">${esc(headline)}</p>
<div class="rule"><strong>${esc(t(lang, 'decisionRule'))}</strong>${esc(run.verdict.rule[lang])}</div>
<p class="muted">${esc(t(lang, 'scopeStatement'))}</p>
<h3>${esc(t(lang, 'counts'))}</h3>
<table class="counts"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table>
${s.waived ? `<p id="waived-count"><span class="badge waived">${esc(t(lang, 'waived'))}</span> ${esc(t(lang, 'waivedCount', { n: s.waived }))}</p>` : ''}
<h3>${esc(t(lang, 'identification'))}</h3>
<dl class="facts">${facts.join('\n')}</dl>
${redactionRules(run, lang)}
${aboutSection(run, lang)}
</section>`
}

function traceabilitySection(run: RunResult, lang: Lang, anchors: Map<CheckResult, string>): string {
  // Every requirement of the method: those the run's checks name, and those no check of the run tested.
  const refs: string[] = [...new Set([...Object.keys(run.requirements), ...(run.deviations?.notTested ?? [])])]
  const byRef = new Map<string, CheckResult[]>(refs.map((r) => [r, []]))
  for (const r of run.results) {
    for (const ref of r.requirements) {
      let list = byRef.get(ref)
      if (!list) byRef.set(ref, (list = []))
      if (!list.includes(r)) list.push(r)
    }
  }
  const rows = [...byRef.entries()].map(([ref, checks]) => {
    const info = has(run.requirements, ref) ? run.requirements[ref] : undefined
    const where = info ? `${esc(info.standard)}<br>${esc(info.section)}` : ''
    const text = info ? esc(info.text[lang]) : `<span class="muted">${esc(t(lang, 'unknownRequirement'))}</span>`
    const list = checks.length
      ? `<ul class="trace-checks">${checks
          .map((c) => `<li><a href="#${anchors.get(c) ?? ''}"><code>${esc(c.name)}</code></a> ${badge(lang, c.status)}</li>`)
          .join('')}</ul>`
      : `<span class="muted">${esc(t(lang, 'none'))}</span>`
    const row = requirementRow(run, ref, checks)
    const cell =
      row.status === 'not-tested'
        ? `<span class="badge none">${esc(t(lang, 'notTested'))}</span>${row.why ? `<br><span class="why">${esc(row.why[lang])}</span>` : ''}`
        : badge(lang, row.status)
    return `<tr data-trace="${row.status}"><td><code>${esc(ref)}</code></td><td>${where}</td><td>${text}</td><td>${list}</td><td>${cell}</td></tr>`
  })
  // The contractual and not-automated items of an export run: rows of the same table, never passed.
  for (const n of run.notTested ?? []) {
    rows.push(
      `<tr data-trace="not-tested" class="contract"><td><code>${esc(n.id)}</code></td><td>${esc(n.basis)}</td><td>${esc(n.title[lang])}</td><td><span class="muted">${esc(
        t(lang, 'none'),
      )}</span></td><td><span class="badge none">${esc(t(lang, 'notTested'))}</span><br><span class="why">${esc(n.reason[lang])}</span></td></tr>`,
    )
  }
  return `<section id="traceability" aria-labelledby="h-trace">
<h2 id="h-trace">${esc(t(lang, 'traceability'))}</h2>
<p class="muted">${esc(t(lang, 'traceabilityIntro'))}</p>
<table class="trace"><thead><tr><th scope="col">${esc(t(lang, 'requirement'))}</th><th scope="col">${esc(
    t(lang, 'standard'),
  )}, ${esc(t(lang, 'section').toLowerCase())}</th><th scope="col">${esc(t(lang, 'text'))}</th><th scope="col">${esc(
    t(lang, 'checks'),
  )}</th><th scope="col">${esc(t(lang, 'outcome'))}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
</section>`
}

function headersTable(headers: Record<string, string>, lang: Lang): string {
  const entries = Object.entries(headers)
  if (entries.length === 0) return `<p class="muted">${esc(t(lang, 'headers'))}: ${esc(t(lang, 'none'))}</p>`
  return `<table class="headers"><tbody>${entries
    .map(([k, v]) => `<tr><td class="mono">${esc(k)}</td><td class="mono">${esc(v)}</td></tr>`)
    .join('')}</tbody></table>`
}

function bodyBlock(body: string | undefined, lang: Lang, opts: { json?: boolean; meta?: string[] } = {}): string {
  if (body === undefined || body === '') return opts.meta?.length ? `<p class="muted">${esc(opts.meta.join('; '))}</p>` : ''
  const meta = [...(opts.meta ?? [])]
  let shown = body
  if (opts.json && body.length <= PRETTY_JSON_MAX_CHARS) {
    try {
      const pretty = JSON.stringify(JSON.parse(body), null, 2)
      if (pretty !== body) {
        shown = pretty
        meta.push(t(lang, 'bodyFormatted'))
      }
    } catch {
      // not JSON after all: show as recorded
    }
  }
  let capped = ''
  if (shown.length > BODY_DISPLAY_CHARS) {
    capped = `\n${t(lang, 'bodyCapped', { rest: shown.length - BODY_DISPLAY_CHARS })}`
    shown = shown.slice(0, BODY_DISPLAY_CHARS)
  }
  const metaHtml = meta.length ? `<p class="muted">${esc(t(lang, 'body'))}: ${esc(meta.join('; '))}</p>` : ''
  return `${metaHtml}<pre>${esc(shown)}${esc(capped)}</pre>`
}

function exchangeSummary(x: Exchange, lang: Lang): string {
  const outcome = x.response ? String(x.response.status) : t(lang, 'noResponse')
  return `${x.id} ${x.request.method} ${x.request.url} → ${outcome} (${fmtDuration(x.durationMs, lang)})`
}

function curlBlock(x: Exchange, lang: Lang): string {
  const { text, variables } = curlCommand(x)
  const note = variables.length
    ? `<p class="muted">${esc(
        t(lang, 'reproduceExport', {
          variables: variables.map((v) => `${v} (${t(lang, `variable.${v}` as StringKey)})`).join(t(lang, 'listSeparator')),
        }),
      )}</p>`
    : ''
  return `<pre class="curl">${esc(text)}</pre>${note}`
}

function exchangeBlock(x: Exchange, anchor: string, open: boolean, lang: Lang): string {
  const req = x.request
  const reqBody = bodyBlock(req.body, lang, { json: /json/i.test(headerValue(req.headers, 'content-type') ?? '') })
  let res = ''
  if (x.response) {
    const r = x.response
    const meta = [t(lang, 'bodyBytes', { bytes: r.bodyBytes })]
    if (r.truncated) meta.push(t(lang, 'bodyTruncated'))
    const ct = headerValue(r.headers, 'content-type') ?? ''
    res = `<h5>${esc(t(lang, 'response'))}: <span class="mono">${esc(r.status)}</span></h5>
${headersTable(r.headers, lang)}
${bodyBlock(r.body, lang, { json: /json/i.test(ct) && !r.truncated, meta })}`
  } else {
    res = `<h5>${esc(t(lang, 'response'))}: ${esc(t(lang, 'noResponse'))}</h5>`
  }
  const err = x.error ? `<p><strong>${esc(t(lang, 'networkError'))}:</strong> ${esc(x.error)}</p>` : ''
  return `<details class="exchange" id="${esc(anchor)}"${open ? ' open' : ''}>
<summary>${esc(exchangeSummary(x, lang))}</summary>
<p class="muted">${esc(t(lang, 'started'))}: ${esc(fmtTime(x.startedAt))}</p>
<h5>${esc(t(lang, 'request'))}: <span class="mono">${esc(req.method)} ${esc(req.url)}</span></h5>
${headersTable(req.headers, lang)}
${reqBody}
${res}
${err}
<h5>${esc(t(lang, 'reproduce'))}</h5>
${curlBlock(x, lang)}
</details>`
}

function checkBlock(run: RunResult, r: CheckResult, anchor: string, lang: Lang): string {
  // Exchange anchors are per check: the same exchange may back more than one check.
  const exAnchor = new Map<string, string>()
  r.evidence.forEach((x, j) => {
    if (!exAnchor.has(x.id)) exAnchor.set(x.id, `${anchor}-x${j + 1}`)
  })
  const cited = new Set(r.failures.flatMap((f) => f.evidence))

  const facts = [
    fact(t(lang, 'checkId'), `<code>${esc(r.checkId)}</code>`),
    ...(r.operation ? [fact(t(lang, 'operation'), `<code>${esc(r.operation)}</code>`)] : []),
    fact(t(lang, 'severity'), `<span class="sev">${esc(severityLabel(lang, r.severity))}</span>`),
    fact(t(lang, 'status'), badge(lang, r.status)),
    fact(t(lang, 'started'), esc(fmtTime(r.startedAt))),
    fact(t(lang, 'duration'), esc(fmtDuration(r.durationMs, lang))),
  ]

  const reqs = r.requirements.length
    ? `<ul class="reqs">${r.requirements
        .map((ref) => {
          const info = has(run.requirements, ref) ? run.requirements[ref] : undefined
          if (!info) return `<li><code>${esc(ref)}</code> <span class="muted">${esc(t(lang, 'unknownRequirement'))}</span></li>`
          const url = info.url ? ` <span class="mono muted">${esc(info.url)}</span>` : ''
          return `<li><code>${esc(ref)}</code> — ${esc(info.standard)}, ${esc(info.section)}: ${esc(info.text[lang])}${url}</li>`
        })
        .join('')}</ul>`
    : `<p class="muted">${esc(t(lang, 'none'))}</p>`

  const evidenceLinks = (ids: readonly string[]): string =>
    ids
      .map((id) => {
        const a = exAnchor.get(id)
        return a ? `<a href="#${esc(a)}"><code>${esc(id)}</code></a>` : `<code>${esc(id)}</code>`
      })
      .join(', ')

  const failures = r.failures.length
    ? `<h4>${esc(t(lang, 'failures'))}</h4><ol class="failures">${r.failures
        .map((f) => {
          const rows: string[] = []
          const text = failureIn(f, lang)
          if (text.expected !== undefined) rows.push(`<tr><th scope="row">${esc(t(lang, 'expected'))}</th><td><pre>${esc(text.expected)}</pre></td></tr>`)
          if (text.actual !== undefined) rows.push(`<tr><th scope="row">${esc(t(lang, 'actual'))}</th><td><pre>${esc(text.actual)}</pre></td></tr>`)
          if (f.evidence.length) rows.push(`<tr><th scope="row">${esc(t(lang, 'evidence'))}</th><td>${evidenceLinks(f.evidence)}</td></tr>`)
          return `<li><p>${esc(text.message)}</p>${rows.length ? `<table>${rows.join('')}</table>` : ''}</li>`
        })
        .join('')}</ol>`
    : ''

  const notes = r.notes.length
    ? `<h4>${esc(t(lang, 'notes'))}</h4><ul>${notesIn(r, lang).map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
    : ''

  const exchanges = r.evidence.length
    ? r.evidence.map((x, j) => exchangeBlock(x, `${anchor}-x${j + 1}`, cited.has(x.id), lang)).join('\n')
    : `<p class="muted">${esc(t(lang, 'noExchanges'))}</p>`

  const search = [r.name, r.checkId, r.operation ?? ''].join(' ').toLowerCase()
  const waived = r.waiver && !r.waiver.expired ? ` <span class="badge waived">${esc(t(lang, 'waived'))}</span>` : ''
  return `<article class="check ${esc(r.status)}" id="${esc(anchor)}" data-status="${esc(r.status)}" data-suite="${esc(r.suite)}" data-search="${esc(search)}">
<h3>${badge(lang, r.status)}${waived} <code>${esc(r.name)}</code> — ${esc(r.title[lang])}</h3>
<dl class="facts">${facts.join('')}</dl>
${r.reason ? `<p><strong>${esc(t(lang, 'reason'))}:</strong> ${esc(lang === 'sv' && r.reasonSv ? r.reasonSv : r.reason)}</p>` : ''}
${r.waiver ? waiverNote(r.waiver, lang) : ''}
<h4>${esc(t(lang, 'requirements'))}</h4>
${reqs}
${failures}
${notes}
<h4>${esc(t(lang, 'exchanges'))}</h4>
${exchanges}
</article>`
}

function resultsSection(run: RunResult, lang: Lang, anchors: Map<CheckResult, string>): string {
  const s = summarise(run.results)
  const buttons = [
    `<button type="button" data-filter="all" aria-pressed="true">${esc(t(lang, 'filterAll'))} (${s.total})</button>`,
    ...STATUSES.map(
      (st) => `<button type="button" data-filter="${st}" aria-pressed="false">${esc(statusLabel(lang, st))} (${s[st]})</button>`,
    ),
  ]
  const toolbar = `<div class="toolbar" id="toolbar" role="search" hidden>
<span>${esc(t(lang, 'filterLabel'))}:</span> ${buttons.join(' ')}
<label>${esc(t(lang, 'filterSuite'))}: <select id="suite-filter"><option value="all">${esc(t(lang, 'filterAllSuites'))}</option>${[
    ...new Set(run.results.map((r) => r.suite)),
  ]
    .map((su) => `<option value="${esc(su)}">${esc(su)}</option>`)
    .join('')}</select></label>
<label>${esc(t(lang, 'searchLabel'))}: <input type="search" id="search" placeholder="${esc(t(lang, 'searchPlaceholder'))}" autocomplete="off"></label>
<span class="shown" id="shown" aria-live="polite" data-template="${esc(STRINGS.shownCount[lang])}"></span>
</div>`
  const checks = run.results.map((r) => checkBlock(run, r, anchors.get(r) ?? '', lang))
  return `<section id="results" aria-labelledby="h-results">
<h2 id="h-results">${esc(t(lang, 'results'))}</h2>
${toolbar}
${checks.join('\n')}
</section>`
}

/** The run as one self-contained HTML file in Swedish or English. Pure. */
export function renderHtml(run: RunResult, lang: Lang, opts: { resultsSha256?: string } = {}): string {
  const anchors = new Map<CheckResult, string>(run.results.map((r, i) => [r, `c${i + 1}`]))
  const title = `${t(lang, 'docTitle')} – ${run.target.url}`
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="${esc(`${run.tool.name} ${run.tool.version}`)}">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(t(lang, 'heading'))}</h1>
<p class="sub">${esc(t(lang, 'subheading', { runId: run.runId }))}</p>
</header>
<main>
${summarySection(run, lang, opts.resultsSha256)}
${traceabilitySection(run, lang, anchors)}
${evidenceSections(run, lang)}
${resultsSection(run, lang, anchors)}
${notTestedSection(run, lang)}
</main>
<footer>
${opts.resultsSha256 ? `<p id="results-sha256">${esc(t(lang, 'resultsSha256Note', { sha: opts.resultsSha256 }))}</p>` : ''}
<p id="end-of-report">${esc(t(lang, 'endOfReport', { runId: run.runId, total: run.results.length }))}</p>
<p>${esc(t(lang, 'generatedBy', { version: run.tool.version }))}</p>
</footer>
<script>${SCRIPT}</script>
</body>
</html>
`
}

/** A result's notes in the report's language (English where a note has no Swedish, or results.json predates notesSv). */
export function notesIn(r: CheckResult, lang: Lang): string[] {
  return lang === 'sv' && r.notesSv?.length === r.notes.length ? r.notesSv : r.notes
}
