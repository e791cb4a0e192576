// The tables and walkers the record-reading checks rely on, held against the spec document itself: a field name
// that the spec does not have would make a filter check judge nothing.

import { expect } from 'chai'
import { loadSpec, type Spec } from '../../src/spec/load.js'
import { deref } from '../../src/spec/operations.js'
import { dateFilters, recordSchema, RELATION_FILTERS, typedReferences, valuesAt } from '../../suites/api/_records.js'

/** The property names of a schema, through $ref and (nested) allOf. */
function properties(spec: Spec, schema: unknown, depth = 0): Record<string, unknown> {
  const s = deref(spec.doc, schema) as { properties?: Record<string, unknown>; allOf?: unknown[] } | undefined
  if (!s || depth > 8) return {}
  return Object.assign({}, s.properties ?? {}, ...(s.allOf ?? []).map((m) => properties(spec, m, depth + 1)))
}

describe('record helpers of the api checks', function () {
  let spec: Spec
  before(async function () {
    spec = await loadSpec()
  })

  it('RELATION_FILTERS names filters and record fields the spec declares', function () {
    for (const [path, filters] of Object.entries(RELATION_FILTERS)) {
      const op = spec.operation(`GET ${path}`)!
      expect(op, path).to.not.equal(undefined)
      const props = properties(spec, recordSchema(spec.doc, op))
      for (const [param, field] of Object.entries(filters)) {
        expect(op.parameters.map((p) => p.name), `${path} ${param}`).to.include(param)
        expect(props, `${path} ${param} -> ${field}`).to.have.property(field.split('.')[0].replace('[]', ''))
      }
    }
  })

  it('finds the date filters by name (absences startTime, grades registeredDate, organisations endDate)', function () {
    const names = (k: string) => dateFilters(spec.operation(k)!).map((f) => f.param)
    expect(names('GET /absences')).to.include.members(['startTime.onOrAfter', 'endTime.onOrBefore'])
    expect(names('GET /grades')).to.deep.equal(['registeredDate.onOrAfter', 'registeredDate.onOrBefore'])
    expect(names('GET /organisations')).to.include('endDate.onOrAfter')
    expect(names('GET /persons')).to.deep.equal([]) // relationship.* dates select on nested relations, not the record
  })

  it('valuesAt walks arrays and nested objects', function () {
    const activity = { teachers: [{ duty: { id: 'a' } }, { duty: { id: 'b' } }, {}], groups: [{ id: 'g' }] }
    expect(valuesAt(activity, 'teachers[].duty.id')).to.deep.equal(['a', 'b'])
    expect(valuesAt(activity, 'groups[].id')).to.deep.equal(['g'])
    expect(valuesAt(activity, 'organisation.id')).to.deep.equal([])
  })

  it('typedReferences finds references through $ref, allOf and arrays, typed by their schema', function () {
    const org = { id: 'o1', parentOrganisation: { id: 'p1' }, meta: {} }
    expect(typedReferences(spec.doc, recordSchema(spec.doc, spec.operation('GET /organisations')!), org)).to.deep.equal([
      { path: 'parentOrganisation', target: '/organisations', id: 'p1' },
    ])
    const group = { id: 'g1', organisation: { id: 'o1' }, groupMemberships: [{ person: { id: 'x1' } }], _embedded: { assignmentRoles: [{ duty: { id: 'd9' } }] } }
    const refs = typedReferences(spec.doc, recordSchema(spec.doc, spec.operation('GET /groups')!), group)
    expect(refs).to.deep.include({ path: 'organisation', target: '/organisations', id: 'o1' })
    expect(refs).to.deep.include({ path: 'groupMemberships[0].person', target: '/persons', id: 'x1' })
    expect(refs.map((r) => r.id)).to.not.include('d9') // _embedded is not the record's own data
  })
})
