import { defineCheck } from '../../src/core/check.js'
import { deletedOp, walkDeleted } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-DELETED-022',
  title: {
    en: '/deletedEntities validates, honours after and entities, and refuses pageToken with a filter (400)',
    sv: '/deletedEntities validerar, följer after och entities, och nekar pageToken tillsammans med filter (400)',
  },
  requirements: ['SS12000-DELETED-ENTITIES', 'SS12000-PARAM-PAGETOKEN'],
  severity: 'must',
  profiles: ['skolverket-dnp'],
  forEach: deletedOp,
  async run(ctx, op) {
    const first = await ctx.call(op, { query: { limit: 1 } })
    ctx.expectStatus(first, 200, { en: `${op.key} was not served`, sv: `${op.key} levererades inte` })
    ctx.expectResponseSchema(first, op)
    const all = await walkDeleted(ctx, op)
    const total = [...all.ids.values()].reduce((n, l) => n + l.length, 0)
    const future = await walkDeleted(ctx, op, { after: '2999-01-01T00:00:00Z' })
    const late = [...future.ids.values()].flat()
    if (late.length) ctx.report({ en: `after=2999-01-01T00:00:00Z still lists ${late.length} deletion(s)`, sv: `after=2999-01-01T00:00:00Z listar ändå ${late.length} radering(ar)` }, { expected: { en: 'none', sv: 'inga' }, evidence: future.exchanges })
    const persons = await walkDeleted(ctx, op, { entities: 'Person' })
    const others = [...persons.ids].filter(([type, ids]) => type !== 'persons' && ids.length)
    if (others.length) ctx.report({ en: 'entities=Person lists deletions of other types', sv: 'entities=Person listar raderingar av andra typer' }, { actual: others.map(([t, ids]) => `${t}: ${ids.length}`).join(', '), evidence: persons.exchanges })
    const token = (first.json as { pageToken?: unknown }).pageToken
    if (typeof token === 'string' && token) {
      const mixed = await ctx.call(op, { query: { pageToken: token, after: '1970-01-01T00:00:00Z' } })
      ctx.expectStatus(mixed, 400, { en: 'pageToken combined with after was served instead of refused', sv: 'pageToken tillsammans med after besvarades i stället för att avvisas' })
    } else {
      ctx.note({ en: 'fewer than two deletions: pageToken with a filter could not be tried', sv: 'färre än två borttag: pageToken med ett filter kunde inte prövas' })
    }
    ctx.note({ en: `${total} deletions listed`, sv: `${total} borttag listade` })
  },
})
