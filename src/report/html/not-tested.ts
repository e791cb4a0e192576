// The "not tested" section of the HTML report (export runs): what the run could not test and why, so a reader
// sees the limits of the evidence next to the results (export notes R-12).

import type { RunResult } from '../../core/result.js'
import { esc } from './render.js'
import type { Lang } from './strings.js'

const LABELS = {
  heading: { en: 'Not tested', sv: 'Inte testat' },
  intro: {
    en: 'These requirements are outside what a read-only test can observe, or need input this run did not have. They are listed so that none is taken as passed.',
    sv: 'Dessa krav ligger utanför vad ett test som bara läser kan se, eller kräver underlag som körningen inte hade. De listas så att inget tas för godkänt.',
  },
} as const

export function notTestedSection(run: RunResult, lang: Lang): string {
  if (!run.notTested?.length) return ''
  const rows = run.notTested
    .map((n) => `<tr><td><code>${esc(n.id)}</code></td><td>${esc(n.title[lang])}</td><td>${esc(n.basis)}</td><td>${esc(n.reason[lang])}</td></tr>`)
    .join('\n')
  return `<section id="not-tested">
<h2>${esc(LABELS.heading[lang])}</h2>
<p>${esc(LABELS.intro[lang])}</p>
<table>
<tbody>
${rows}
</tbody>
</table>
</section>`
}
