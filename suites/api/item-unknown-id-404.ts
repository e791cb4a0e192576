import { randomUUID } from 'node:crypto'
import { defineCheck } from '../../src/core/check.js'
import { itemOps } from './_shared.js'

export default defineCheck({
  id: 'API-ITEM-003',
  title: {
    en: 'A well-formed id that names no record is answered 404',
    sv: 'Ett välformat id som inte motsvarar någon post besvaras med 404',
  },
  requirements: ['SS12000-ITEM-404'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: itemOps,
  async run(ctx, op) {
    const id = randomUUID() // fresh, so no record can have it
    const res = await ctx.call(op, { path: { id } })
    ctx.expectStatus(res, 404, { en: `${op.key} did not answer 404 for the unknown id ${id}`, sv: `${op.key} svarade inte 404 för det okända id:t ${id}` })
  },
})
