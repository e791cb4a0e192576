// No artefact may carry a pupil's personal data or a secret, even when a faulty target serves person records
// where it should refuse (the failure then quotes the answer). The seeded dataset is the canary.

import { expect } from 'chai'
import { generateDataset } from '../../fixtures/generate.js'
import { renderHtml } from '../../src/report/html/render.js'
import { renderJson } from '../../src/report/json.js'
import { renderJunit } from '../../src/report/junit.js'
import { runBuiltIn } from '../helpers/run.js'

describe('redaction in every artefact', function () {
  it('no civic number, family name, e-mail or phone number of the seeded persons appears', async function () {
    const run = await runBuiltIn({ faults: ['auth.accept-missing-token', 'auth.accept-invalid-token', 'item.differs-from-list'] })
    expect(run.results.some((r) => r.checkId === 'AUTH-RS-001' && r.status === 'fail')).to.equal(true)
    const artefacts = { json: renderJson(run), junit: renderJunit(run), html: renderHtml(run, 'sv') + renderHtml(run, 'en') }
    const canaries = new Set<string>()
    for (const p of generateDataset().persons as Record<string, any>[]) {
      if (p.civicNo?.value) canaries.add(p.civicNo.value)
      if (p.familyName) canaries.add(p.familyName)
      for (const e of p.emails ?? []) canaries.add(e.value)
      for (const t of p.phoneNumbers ?? []) canaries.add(t.value)
      for (const a of p.addresses ?? []) canaries.add(a.streetAddress)
    }
    expect(canaries.size).to.be.greaterThan(50)
    for (const [name, text] of Object.entries(artefacts)) {
      const leaked = [...canaries].filter((c) => new RegExp(`(^|[^\\p{L}\\d])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\d])`, 'u').test(text))
      expect(leaked, name).to.deep.equal([])
    }
  })
})
