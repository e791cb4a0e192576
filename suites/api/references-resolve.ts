import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { PROFILES } from '../profiles.js'
import { recordSchema, typedReferences, type TypedReference } from './_records.js'
import { few, listOps, sampleRecords } from './_shared.js'

const MAX_RESOLVED = 25

export default defineCheck({
  id: 'API-REF-001',
  title: {
    en: 'Every reference in a record resolves through the item endpoint of the entity it names',
    sv: 'Varje referens i en post går att slå upp via objektändpunkten för den entitet den pekar på',
  },
  requirements: ['SS12000-REFERENCES'],
  // Implied by the data model (an ObjectReference names a record by its transfer id), not stated as a rule.
  severity: 'should',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: listOps,
  async run(ctx, op) {
    const schema = recordSchema(ctx.spec.doc, op)
    const refs = (await sampleRecords(ctx, op, 20)).flatMap((r) => typedReferences(ctx.spec.doc, schema, r))
    const offered = new Set(PROFILES[ctx.plan.profile]?.operations ?? [])
    const distinct = new Map<string, TypedReference>()
    for (const r of refs) if (offered.has(`GET ${r.target}/{id}`)) distinct.set(`${r.target}/${r.id}`, r)
    if (!distinct.size) throw new CheckSkip({
        en: `the records ${op.key} served hold no reference to an entity profile ${ctx.plan.profile} demands`,
        sv: `posterna som ${op.key} levererade innehåller ingen referens till en entitet som profilen ${ctx.plan.profile} kräver`,
      })
    const unresolved: string[] = []
    const exchanges: string[] = []
    for (const r of [...distinct.values()].slice(0, MAX_RESOLVED)) {
      const res = await ctx.call(`GET ${r.target}/{id}`, { path: { id: r.id } })
      const got = (res.json as { id?: unknown } | undefined)?.id
      if (res.status !== 200 || (typeof got === 'string' && got.toLowerCase() !== r.id.toLowerCase())) {
        unresolved.push(`${r.path} -> GET ${r.target}/${r.id}: HTTP ${res.status}`)
        exchanges.push(res.exchangeId)
      }
    }
    if (unresolved.length) {
      ctx.fail({ en: `${unresolved.length} reference(s) in ${op.key} do not resolve`, sv: `${unresolved.length} referens(er) i ${op.key} leder inte till någon post` }, {
        expected: { en: 'HTTP 200 with the record named', sv: 'HTTP 200 med den angivna posten' },
        actual: few(unresolved, 5), evidence: exchanges })
    }
    ctx.note({
      en: `${Math.min(distinct.size, MAX_RESOLVED)} of ${distinct.size} distinct references looked up (at most ${MAX_RESOLVED}), all resolved; ${refs.length} references in the sample`,
      sv: `${Math.min(distinct.size, MAX_RESOLVED)} av ${distinct.size} olika referenser uppslagna (högst ${MAX_RESOLVED}), alla hittades; ${refs.length} referenser i urvalet`,
    })
  },
})
