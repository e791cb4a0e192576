// What `konform list --profile NAME` prints above the check table: what the profile demands of a target (its
// operations as the spec writes them) and how many checks of each severity decide it.

import type { Bilingual, Severity } from '../core/result.js'

export interface ProfileView {
  title: Bilingual
  description: Bilingual
  operations: readonly string[]
}

const WORDS = {
  en: { ops: 'Operations the target must offer', none: '(none: this profile checks no API operation)', checks: 'Checks', sev: ['must', 'should', 'may'], decide: 'must-checks decide whether a target meets the profile' },
  sv: { ops: 'Operationer som målet ska erbjuda', none: '(inga: profilen kontrollerar ingen API-operation)', checks: 'Kontroller', sev: ['skall', 'bör', 'kan'], decide: 'skall-kontrollerna avgör om ett mål uppfyller profilen' },
}

export function profileDemands(name: string, p: ProfileView, severities: readonly Severity[], lang: 'en' | 'sv'): string {
  const w = WORDS[lang]
  const count = (s: Severity) => severities.filter((x) => x === s).length
  return [
    `${name}: ${p.title[lang]}`,
    p.description[lang],
    '',
    `${w.ops} (${p.operations.length}):`,
    ...(p.operations.length ? p.operations.map((o) => `  ${o}`) : [`  ${w.none}`]),
    '',
    `${w.checks}: ${severities.length} (${w.sev[0]} ${count('must')}, ${w.sev[1]} ${count('should')}, ${w.sev[2]} ${count('may')}); ${w.decide}.`,
    '',
  ].join('\n')
}
