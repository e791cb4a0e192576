import { defineCheck } from '../../src/core/check.js'
import { few, idOf, recordLists, UUID, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-ID-006',
  title: {
    en: 'Ids are UUIDs and a second full harvest returns the same ids',
    sv: 'Id är UUID och en andra fullständig hämtning ger samma id',
  },
  requirements: ['SS12000-ID-PERSISTENT'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: recordLists,
  async run(ctx, op) {
    const a = await walkList(ctx, op)
    const b = await walkList(ctx, op)
    const ids = a.records.map((r) => String(idOf(r)))
    const notUuid = ids.filter((id) => !UUID.test(id))
    if (notUuid.length) ctx.report({ en: `${notUuid.length} id(s) of ${op.key} are not UUIDs`, sv: `${notUuid.length} id i ${op.key} är inte UUID` }, { actual: few(notUuid), evidence: a.exchanges.slice(0, 1) })
    const second = new Set(b.records.map((r) => String(idOf(r))))
    const gone = [...new Set(ids)].filter((id) => !second.has(id))
    ctx.note({ en: `${ids.length} records in the first harvest, ${second.size} distinct ids in the second`, sv: `${ids.length} poster i den första hämtningen, ${second.size} olika id:n i den andra` })
    if (gone.length) {
      ctx.report({ en: `ids of ${op.key} changed between two full harvests`, sv: `id i ${op.key} ändrades mellan två fullständiga hämtningar` }, {
        expected: { en: 'the same ids (nothing changed in between)', sv: 'samma id (inget ändrades däremellan)' },
        actual: {
          en: `${gone.length} of ${new Set(ids).size} ids of the first harvest are missing from the second, e.g. ${few(gone, 3)}`,
          sv: `${gone.length} av ${new Set(ids).size} id från den första hämtningen saknas i den andra, t.ex. ${few(gone, 3)}`,
        },
        evidence: [...a.exchanges.slice(0, 1), ...b.exchanges.slice(0, 1)],
      })
    }
  },
})
