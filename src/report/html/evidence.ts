// The parts of report.html that make it procurement evidence (issue #7): identification beyond the run
// (R-01 … R-04, R-13), the NOT-evidence banner (--evidence full), deviations and limits (R-12), waivers,
// reproducibility (R-11) and validity (R-14). Same escaping discipline as render.ts: every run string via esc().

import type { RunResult } from '../../core/result.js'
import { esc } from './render.js'
import { t, type Lang, type StringKey } from './strings.js'

const fact = (label: string, valueHtml: string): string => `<dt>${esc(label)}</dt><dd>${valueHtml}</dd>`
const code = (s: string): string => `<code>${esc(s)}</code>`

/** Extra rows for the identification list. */
export function evidenceFacts(run: RunResult, lang: Lang, resultsSha256: string | undefined): string[] {
  const out: string[] = []
  if (run.report) {
    out.push(fact(t(lang, 'reportTitle'), esc(run.report.title[lang])))
    out.push(fact(t(lang, 'issued'), esc(run.report.issuedAt)))
  }
  if (resultsSha256) out.push(fact(t(lang, 'resultsSha256'), code(resultsSha256)))
  if (run.tool.commit) out.push(fact(t(lang, 'toolCommit'), code(run.tool.commit)))
  if (run.tool.catalogueSha256) out.push(fact(t(lang, 'catalogueSha256'), code(run.tool.catalogueSha256)))
  if (run.tool.platform) out.push(fact(t(lang, 'platform'), esc(run.tool.platform)))
  if (run.profileSha256) out.push(fact(t(lang, 'profileSha256'), code(run.profileSha256)))
  if (run.clock) out.push(fact(t(lang, 'clock'), esc(run.clock)))
  return out
}

/** The item tested and who tested it for whom. */
export function aboutSection(run: RunResult, lang: Lang): string {
  const a = run.about ?? {}
  const val = (v: string | undefined): string => (v ? esc(v) : `<span class="muted">${esc(t(lang, 'notDeclared'))}</span>`)
  const rows = [
    fact(t(lang, 'vendor'), val(a.vendor)),
    fact(t(lang, 'product'), val(a.product)),
    fact(t(lang, 'productVersion'), val(a.version)),
    fact(t(lang, 'tenant'), val(a.tenant)),
    fact(t(lang, 'capabilities'), a.capabilities?.length ? a.capabilities.map(code).join(', ') : val(undefined)),
    fact(
      t(lang, 'configuration'),
      a.configuration && Object.keys(a.configuration).length
        ? `<ul>${Object.entries(a.configuration).map(([k, v]) => `<li>${esc(k)}: ${esc(v)}</li>`).join('')}</ul>`
        : val(undefined),
    ),
    fact(t(lang, 'testedBy'), val(a.testedBy)),
    fact(t(lang, 'customer'), val(a.customer)),
    ...(a.organisation ? [fact(t(lang, 'organisation'), esc(a.organisation))] : []),
    ...(a.signer ? [fact(t(lang, 'signer'), esc(a.signer))] : []),
  ]
  return `<h3>${esc(t(lang, 'itemTested'))}</h3>\n<dl class="facts" id="about">${rows.join('\n')}</dl>`
}

export function notEvidenceBanner(run: RunResult, lang: Lang): string {
  return run.evidenceMode === 'full' ? `<p class="not-evidence" id="not-evidence" role="alert">${esc(t(lang, 'notEvidence'))}</p>` : ''
}

export function redactionRules(run: RunResult, lang: Lang): string {
  const rules = run.redaction.rules ?? []
  return rules.length ? `<h3>${esc(t(lang, 'redactionRules'))}</h3><ul id="redaction-rules">${rules.map((r) => `<li>${esc(r[lang])}</li>`).join('')}</ul>` : ''
}

export function waiverNote(w: NonNullable<RunResult['results'][number]['waiver']>, lang: Lang): string {
  const text = t(lang, 'waiverText', { reason: w.reason, expires: w.expires, by: w.by ? `, ${w.by}` : '' })
  return `<p class="waiver${w.expired ? ' expired' : ''}"><strong>${esc(t(lang, 'waiverOn'))}:</strong> ${esc(text)}${
    w.expired ? ` — <strong>${esc(t(lang, 'waiver.expired'))}</strong>` : ''
  }</p>`
}

/** Deviations and limits, waivers, reproducibility, validity. */
export function evidenceSections(run: RunResult, lang: Lang): string {
  const parts: string[] = []
  const dev = run.deviations
  if (dev || run.waivers) {
    const sv = new Map(lang === 'sv' ? run.results.filter((r) => r.reasonSv).map((r) => [r.name, r.reasonSv!]) : [])
    const skipped = dev?.skipped.length
      ? `<h3>${esc(t(lang, 'skippedChecks'))}</h3><ul class="skipped">${dev.skipped
          .map((s) => `<li>${code(s.name)}: ${esc(sv.get(s.name) ?? s.reason)}</li>`)
          .join('')}</ul>`
      : ''
    const limits = dev?.limitations.length ? `<ul class="limitations">${dev.limitations.map((l) => `<li>${esc(l[lang])}</li>`).join('')}</ul>` : ''
    const waivers = run.waivers
      ? `<h3 id="waivers">${esc(t(lang, 'waivers'))}</h3><p class="muted">${esc(t(lang, 'waiversIntro'))}</p>
<table class="waivers"><thead><tr><th scope="col">${esc(t(lang, 'waiverCheck'))}</th><th scope="col">${esc(t(lang, 'reason'))}</th><th scope="col">${esc(
          t(lang, 'waiverExpires'),
        )}</th><th scope="col">${esc(t(lang, 'waiverBy'))}</th><th scope="col">${esc(t(lang, 'waiverState'))}</th></tr></thead><tbody>${run.waivers
          .map(
            (w) =>
              `<tr class="waiver-${esc(w.state)}"><td>${code(w.check + (w.operation ? ` [${w.operation}]` : ''))}</td><td>${esc(w.reason)}</td><td>${esc(
                w.expires,
              )}</td><td>${esc(w.by ?? '')}</td><td>${esc(t(lang, `waiver.${w.state}` as StringKey))}${
                w.results.length ? `<br><span class="muted">${w.results.map(esc).join(', ')}</span>` : ''
              }</td></tr>`,
          )
          .join('')}</tbody></table>`
      : ''
    const notTested = dev?.notTested?.length
      ? `<h3>${esc(t(lang, 'notTestedRequirements'))}</h3><p class="not-tested">${dev.notTested.map(code).join(', ')}</p>`
      : ''
    parts.push(`<section id="deviations" aria-labelledby="h-deviations">
<h2 id="h-deviations">${esc(t(lang, 'deviations'))}</h2>
${limits}
${skipped}
${notTested}
${waivers}
</section>`)
  }
  if (run.reproduce) {
    parts.push(`<section id="reproducibility" aria-labelledby="h-repro">
<h2 id="h-repro">${esc(t(lang, 'reproducibility'))}</h2>
<h3>${esc(t(lang, 'command'))}</h3>
<pre class="command">${esc(run.reproduce.command)}</pre>
<h3>${esc(t(lang, 'nonDeterminism'))}</h3>
<ul>${run.reproduce.nonDeterminism.map((n) => `<li>${esc(n[lang])}</li>`).join('')}</ul>
</section>`)
  }
  if (run.validity) {
    parts.push(`<section id="validity" aria-labelledby="h-validity">
<h2 id="h-validity">${esc(t(lang, 'validity'))}</h2>
<p>${esc(run.validity.statement[lang])}</p>
<p><strong>${esc(t(lang, 'validUntil'))}:</strong> ${esc(run.validity.validUntil.slice(0, 10))}</p>
</section>`)
  }
  return parts.join('\n')
}
