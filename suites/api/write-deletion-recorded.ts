import { defineCheck } from '../../src/core/check.js'
import { DELETED_KEYS } from '../../src/reference/store.js'
import type { EndPoint } from '../../fixtures/generate.js'
import { collectionOf, only, validRecord, writesAllowed } from './_writes.js'

/** The EndPointsEnum value of each deletable collection. */
const TYPE: Record<string, EndPoint> = { attendances: 'Attendance', attendanceEvents: 'AttendanceEvent', attendanceSchedule: 'AttendanceSchedule' }

export default defineCheck({
  id: 'API-WRITE-002',
  title: {
    en: 'Deleting a record is answered 204 and the deletion is listed by deletedEntities',
    sv: 'Att ta bort en post besvaras med 204 och borttaget listas av deletedEntities',
  },
  requirements: ['SS12000-DELETE-RECORDED'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('DELETE /attendances/{id}', 'DELETE /attendanceEvents/{id}', 'DELETE /attendanceSchedule/{id}'),
  async run(ctx, op) {
    const collection = collectionOf(op)
    const since = new Date(Date.now() - 2000).toISOString() // stamps may be kept to the second
    const created = await ctx.call(`POST /${collection}`, { body: await validRecord(ctx, collection) })
    ctx.expectStatus(created, [200, 201], { en: `POST /${collection} did not create the record to delete`, sv: `POST /${collection} skapade inte posten som skulle tas bort` })
    const id = String((created.json as { id?: unknown })?.id)
    const res = await ctx.call(op, { path: { id } })
    ctx.expectStatus(res, 204, { en: `${op.key} did not answer 204`, sv: `${op.key} svarade inte 204` })
    const type = TYPE[collection]
    const list = await ctx.call('GET /deletedEntities', { query: { after: since, entities: [type] } })
    ctx.expectStatus(list, 200, { en: 'GET /deletedEntities did not answer 200', sv: 'GET /deletedEntities svarade inte 200' })
    const ids = ((list.json as { data?: Record<string, unknown> })?.data?.[DELETED_KEYS[type]] ?? []) as unknown[]
    if (!ids.includes(id)) {
      ctx.fail({ en: 'the deletion is not listed by deletedEntities', sv: 'raderingen listas inte av deletedEntities' }, {
        expected: { en: `${DELETED_KEYS[type]} including ${id}`, sv: `${DELETED_KEYS[type]} som innehåller ${id}` },
        actual: JSON.stringify(ids).slice(0, 200), evidence: [res.exchangeId, list.exchangeId] })
    }
  },
})
