import { defineCheck } from '../../src/core/check.js'
import { collectionOf, deleteQuietly, only, validRecord, writesAllowed } from './_writes.js'

export default defineCheck({
  id: 'API-WRITE-001',
  title: {
    en: 'A valid attendance-type record is created (200, the record with its id); one that fails the schema is refused',
    sv: 'En giltig närvaropost skapas (200, posten med sitt id); en som inte följer schemat nekas',
  },
  requirements: ['SS12000-WRITE-CREATE', 'SS12000-RESPONSE-SCHEMA'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('POST /attendances', 'POST /attendanceEvents', 'POST /attendanceSchedule', 'POST /absences'),
  async run(ctx, op) {
    const collection = collectionOf(op)
    const body = await validRecord(ctx, collection)
    const res = await ctx.call(op, { body })
    ctx.expectStatus(res, 200, { en: `${op.key} did not create a valid record`, sv: `${op.key} skapade inte en giltig post` }) // 200 "Post skapad."
    const id = (res.json as { id?: unknown })?.id
    const remove = ctx.spec.operation(`DELETE /${collection}/{id}`)
    try {
      ctx.expectResponseSchema(res, op)
      if (!remove) ctx.note({ en: `SS 12000 has no DELETE /${collection}/{id}: the test record ${String(id)} stays on the target`, sv: `SS 12000 har ingen DELETE /${collection}/{id}: testposten ${String(id)} blir kvar i målet` })
      // The record without its required members: nothing a server may store.
      const bad = await ctx.call(op, { body: { meta: { created: 'yesterday' } } })
      ctx.expectStatus(bad, [400, 422], { en: `${op.key} accepted a record without its required members`, sv: `${op.key} godtog en post som saknar sina obligatoriska fält` })
      ctx.expectErrorBody(bad)
    } finally {
      if (remove && typeof id === 'string') await deleteQuietly(ctx, remove.key, id)
    }
  },
})
