import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { deleteQuietly, only, subscribe, writesAllowed } from './_writes.js'

const NOTICE = '#/components/schemas/_subscriptions_get_request' // callbacks.subscriptionEvent request body

export default defineCheck({
  id: 'API-SUB-006',
  title: {
    en: 'After a change, a notice {modifiedEntites, deletedEntities} reaches the subscription target',
    sv: 'Efter en ändring når en notis {modifiedEntites, deletedEntities} prenumerationens target',
  },
  requirements: ['SS12000-SUBSCRIPTION-NOTICE'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('POST /subscriptions'),
  async run(ctx, _op) {
    const notices = ctx.plan.notices
    if (!notices) throw new CheckSkip({ en: 'konform started no callback receiver for this run', sv: 'konform startade ingen mottagare av notiser för den här körningen' })
    const sub = await subscribe(ctx)
    try {
      const since = new Date()
      let modified: string[] = []
      if (ctx.plan.builtIn) {
        // The built-in server changes its data on request (POST /admin/changes): one organisation is modified.
        const res = await ctx.send({ method: 'POST', url: `${new URL(ctx.plan.target).origin}/admin/changes`, headers: { 'content-type': 'application/json' }, body: '{"modify":{"organisations":1}}', write: true })
        ctx.expectStatus(res, 200, { en: 'the built-in server did not apply the change', sv: 'den inbyggda servern genomförde inte ändringen' })
        modified = ((res.json as { modified?: string[] }).modified ?? []).map(String)
      } else {
        notices.instruct(`API-SUB-006 waits ${notices.timeoutMs / 1000} s for a notice: change or delete any record on the target now (subscription ${sub.id}).`)
      }
      const notice = await notices.receiver.wait(sub.channel!, since, notices.timeoutMs, ctx.signal)
      if (!notice) {
        return ctx.fail({ en: `no notice reached the subscription target within ${notices.timeoutMs / 1000} s of the change`, sv: `ingen notis nådde prenumerationens mottagare inom ${notices.timeoutMs / 1000} s efter ändringen` }, {
          expected: { en: 'a POST {modifiedEntites, deletedEntities} to the target', sv: 'en POST {modifiedEntites, deletedEntities} till mottagaren' },
          actual: { en: 'nothing', sv: 'ingenting' },
          evidence: [sub.res.exchangeId],
        })
      }
      const took = ((notice.receivedAt.getTime() - since.getTime()) / 1000).toFixed(1)
      ctx.note({
        en: ctx.redact(`the notice arrived ${took} s after the change: ${notice.text.slice(0, 300)}`),
        sv: ctx.redact(`aviseringen kom ${took} s efter ändringen: ${notice.text.slice(0, 300)}`),
      })
      const outcome = ctx.spec.validators.validate(NOTICE, notice.json)
      if (notice.json === undefined || !outcome.valid) {
        ctx.fail({ en: 'the notice is not {modifiedEntites: [EndPointsEnum…], deletedEntities: boolean}', sv: 'notisen är inte {modifiedEntites: [EndPointsEnum…], deletedEntities: boolean}' }, {
          actual: notice.json === undefined ? { en: `not JSON: ${notice.text.slice(0, 120)}`, sv: `inte JSON: ${notice.text.slice(0, 120)}` } : outcome.errors.join('; '),
          evidence: [sub.res.exchangeId] })
      }
      if (modified.length && !(notice.json as { modifiedEntites?: string[] }).modifiedEntites?.includes('Organisation')) {
        ctx.fail({ en: 'the notice does not name the type that changed', sv: 'notisen anger inte den typ som ändrades' }, {
          expected: { en: 'modifiedEntites including Organisation', sv: 'modifiedEntites som innehåller Organisation' },
          actual: notice.text.slice(0, 200), evidence: [sub.res.exchangeId] })
      }
      if (modified.length) {
        // What a consumer does next: fetch what changed since just before the change (stamps are to the second).
        const after = new Date(since.getTime() - 2000).toISOString()
        const res = await ctx.call('GET /organisations', { query: { 'meta.modified.after': after } })
        const ids = ((res.json as { data?: { id?: string }[] })?.data ?? []).map((r) => r.id)
        if (!modified.every((id) => ids.includes(id))) {
          ctx.fail({ en: 'the changed record is not among those modified since the change', sv: 'den ändrade posten finns inte bland dem som ändrats sedan ändringen' }, {
            expected: modified.join(', '),
            actual: ids.join(', ') || { en: 'none', sv: 'inga' },
            evidence: [res.exchangeId] })
        }
      }
    } finally {
      await deleteQuietly(ctx, 'DELETE /subscriptions/{id}', sub.id)
    }
  },
})
