import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { few, listOps, sampleRecords } from './_shared.js'

// "Den ska bestå av en lokalt unik användaridentifierare, ett '@' och en domän": one '@' with text on both sides.
const EPPN = /^[^\s@]+@[^\s@]+$/

export default defineCheck({
  id: 'API-FORMAT-002',
  title: {
    en: "Every eduPersonPrincipalName is a local user identifier, an '@' and a domain",
    sv: "Varje eduPersonPrincipalName består av en lokal användaridentifierare, ett '@' och en domän",
  },
  requirements: ['SS12000-EPPN-FORMAT'],
  severity: 'must',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => o.path === '/persons'),
  async run(ctx, op) {
    const persons = await sampleRecords(ctx, op, 100)
    let seen = 0
    const wrong: string[] = []
    for (const p of persons) {
      const names = Array.isArray(p.eduPersonPrincipalNames) ? (p.eduPersonPrincipalNames as unknown[]) : []
      seen += names.length
      // The values are personal data: a finding names the person's record and the position only.
      names.forEach((n, i) => typeof n === 'string' && !EPPN.test(n) && wrong.push(`${String(p.id)} [${i}]`))
    }
    if (!seen) throw new CheckSkip({ en: 'no sampled person has an eduPersonPrincipalName', sv: 'ingen person i urvalet har något eduPersonPrincipalName' })
    if (wrong.length) {
      ctx.fail({ en: "eduPersonPrincipalNames without the form local-id '@' domain", sv: "eduPersonPrincipalNames som inte har formen lokal identifierare '@' domän" }, {
        expected: { en: 'e.g. kalko@edu.goteborg.se', sv: 't.ex. kalko@edu.goteborg.se' },
        actual: { en: `${wrong.length} of ${seen}: ${few(wrong, 3)}`, sv: `${wrong.length} av ${seen}: ${few(wrong, 3)}` },
      })
    }
    ctx.note({ en: `${seen} eduPersonPrincipalName(s) of ${persons.length} persons checked`, sv: `${seen} eduPersonPrincipalName för ${persons.length} personer kontrollerade` })
  },
})
