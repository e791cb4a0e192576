import { defineCheck } from '../../src/core/check.js'
import { requiredQuery } from '../api/_shared.js'
import { few, harvestAll, idOf, profileOps, REFERENCE_TARGETS, referencesIn } from './_shared.js'

/** Item probes per referenced type outside the export (a sample: the list probe shows whether the type is offered). */
const SAMPLE = 3

/**
 * EXP-010, reference closure: a type the exported records refer to (activities -> syllabuses) but the profile does not
 * export must still be exportable from the target: its list answers 200 and a referenced record can be fetched.
 * One that is not offered is an export gap: the customer's data names records it cannot take with it.
 */
export default defineCheck({
  id: 'EXPORT-GAP-010',
  title: {
    en: 'Reference closure: every type the export refers to can be exported too; a referenced type the target does not offer is an export gap',
    sv: 'Referensslutenhet: varje typ som exporten refererar till kan också exporteras; en refererad typ som målsystemet inte erbjuder är en exportlucka',
  },
  requirements: ['EU-DA-25.2e', 'EU-DA-2.38'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  async run(ctx) {
    const { records, exchanges } = await harvestAll(ctx, profileOps(ctx))
    // Referenced types the profile does not export -> the ids referred to.
    const outside = new Map<string, Set<string>>()
    for (const recs of records.values()) {
      for (const rec of recs) {
        for (const ref of referencesIn(rec)) {
          const target = REFERENCE_TARGETS[ref.key]
          if (!target || records.has(target)) continue
          ;(outside.get(target) ?? outside.set(target, new Set()).get(target)!).add(ref.id)
        }
      }
    }
    if (!outside.size) {
      const types = [...records.keys()].join(', ')
      ctx.note({ en: `every type the export refers to is exported by the profile (${types})`, sv: `varje typ som exporten refererar till exporteras av profilen (${types})` })
      return
    }
    const offered: { en: string[]; sv: string[] } = { en: [], sv: [] }
    for (const [type, ids] of outside) {
      const list = ctx.spec.operations.find((o) => o.method === 'GET' && o.path.toLowerCase() === `/${type.toLowerCase()}`)
      const item = ctx.spec.operations.find((o) => o.method === 'GET' && o.path.toLowerCase() === `/${type.toLowerCase()}/{id}`)
      if (!list || !item) {
        ctx.report(
          { en: `records refer to ${type} (${ids.size}), which SS 12000 has no list of`, sv: `poster refererar till ${type} (${ids.size}), som SS 12000 inte har någon lista för` },
          { evidence: exchanges },
        )
        continue
      }
      const res = await ctx.call(list, { query: { ...requiredQuery(list), limit: 1 } })
      if (res.status !== 200) {
        ctx.report({
          en: `the export refers to ${ids.size} ${type} record(s), but ${list.key} is not offered: an export gap`,
          sv: `exporten refererar till ${ids.size} post(er) av typen ${type}, men ${list.key} erbjuds inte: en exportlucka`,
        }, {
          expected: {
            en: `${list.key} answers 200, so the referenced records can be exported too`,
            sv: `${list.key} svarar 200, så att de refererade posterna också kan exporteras`,
          },
          actual: `HTTP ${res.status}`,
          evidence: [...exchanges, res.exchangeId],
        })
        continue
      }
      const missing: string[] = []
      const probes = [res.exchangeId]
      for (const id of [...ids].sort().slice(0, SAMPLE)) {
        const one = await ctx.call(item, { path: { id } })
        probes.push(one.exchangeId)
        if (one.status !== 200 || String(idOf(one.json)).toLowerCase() !== id.toLowerCase()) missing.push(`${id} (HTTP ${one.status})`)
      }
      if (missing.length) {
        ctx.report(
          { en: `${type} referred to by the export cannot be fetched from ${item.key}`, sv: `${type} som exporten refererar till kan inte hämtas från ${item.key}` },
          { expected: { en: 'HTTP 200 with the referenced record', sv: 'HTTP 200 med den refererade posten' }, actual: few(missing), evidence: [...exchanges, ...probes] },
        )
        continue
      }
      offered.en.push(`${type} (${ids.size} referenced)`)
      offered.sv.push(`${type} (${ids.size} refererade)`)
    }
    if (offered.en.length) {
      ctx.note({
        en: `referenced but outside the profile, offered by the target (extend the export to take them along): ${offered.en.join(', ')}`,
        sv: `refererade men utanför profilen, erbjuds av målet (utöka exporten så att de följer med): ${offered.sv.join(', ')}`,
      })
    }
  },
})
