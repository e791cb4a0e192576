import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { few, hasParam, listOps, pageData } from './_shared.js'

type Rec = Record<string, unknown>

const PAGES = 10 // at most this many pages of 100 organisations are read
const LOOKUPS = 20 // and at most this many parents outside them are fetched by id

export default defineCheck({
  id: 'API-REF-002',
  title: {
    en: "An organisation's parentOrganisation is never a school unit (Skolenhet)",
    sv: 'En organisations parentOrganisation är aldrig en skolenhet',
  },
  requirements: ['SS12000-ORG-PARENT'],
  severity: 'must',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => o.path === '/organisations'),
  async run(ctx, op) {
    const orgs: Rec[] = []
    const evidence: string[] = []
    let query: Record<string, string | number | undefined> = { limit: hasParam(op, 'limit') ? 100 : undefined }
    for (let page = 0; page < PAGES; page++) {
      const res = await ctx.call(op, { query })
      evidence.push(res.exchangeId)
      orgs.push(...(pageData(ctx, res, op) as Rec[]))
      const token = (res.json as { pageToken?: unknown }).pageToken
      if (typeof token !== 'string' || !token) break
      query = { pageToken: token, limit: query.limit }
    }
    const typeOf = new Map(orgs.map((o) => [String(o.id).toLowerCase(), o.organisationType]))
    const children = orgs.filter((o) => typeof (o.parentOrganisation as Rec | undefined)?.id === 'string')
    if (!children.length) throw new CheckSkip({ en: 'no organisation served names a parentOrganisation', sv: 'ingen levererad organisation anger någon parentOrganisation' })
    const wrong: string[] = []
    let fetched = 0
    for (const o of children) {
      const parent = String((o.parentOrganisation as Rec).id).toLowerCase()
      if (!typeOf.has(parent) && fetched++ < LOOKUPS) {
        const res = await ctx.call('GET /organisations/{id}', { path: { id: parent } })
        evidence.push(res.exchangeId)
        if (res.status === 200) typeOf.set(parent, (res.json as Rec).organisationType)
      }
      if (typeOf.get(parent) === 'Skolenhet') wrong.push(`${String(o.id)} -> ${parent}`)
    }
    if (wrong.length) {
      ctx.fail({ en: 'an organisation has a school unit as its parentOrganisation', sv: 'en organisation har en skolenhet som parentOrganisation' }, {
        expected: { en: 'parentOrganisation "Kan ej peka på organisationer av typen Skolenhet"', sv: 'parentOrganisation "Kan ej peka på organisationer av typen Skolenhet"' },
        actual: few(wrong, 3),
        evidence })
    }
    ctx.note({ en: `${children.length} parentOrganisation reference(s) checked`, sv: `${children.length} parentOrganisation-referens(er) kontrollerade` })
  },
})
