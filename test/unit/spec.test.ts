import { expect } from 'chai'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { KonformError } from '../../src/errors.js'
import { loadSpec } from '../../src/spec/load.js'
import { tmpdir } from '../helpers/cli.js'

describe('spec engine', function () {
  it('loads the bundled SS 12000 2.1.0 document with its hash and all 69 operations', async function () {
    const spec = await loadSpec()
    expect(spec.title).to.equal('SS12000')
    expect(spec.version).to.equal('2.1.0')
    expect(spec.sha256).to.equal('aee9a95a4c5bd25cebaf357d266592f94e9388ae785ee9ac3b58e1992acccd28')
    expect(spec.operations).to.have.length(69)
    expect(spec.operations.filter((o) => o.kind === 'list')).to.have.length(21)
    expect(spec.operation('POST /statistics/')?.readOnly).to.equal(false)
    expect(spec.operation('POST /persons/lookup')?.readOnly).to.equal(true)
  })
  it('keeps dates in the document as strings (YAML core schema)', async function () {
    const spec = await loadSpec()
    const ex = (spec.doc.components?.schemas?.Organisations as { example: { data: { startDate: unknown }[] } }).example
    expect(ex.data[0].startDate).to.equal('2000-01-23')
  })
  it('compiles every declared response schema, and applies the seven known errata', async function () {
    const spec = await loadSpec()
    for (const op of spec.operations) for (const p of Object.values(op.responses)) if (p) spec.validators.compile(p)
    expect(spec.validators.errata.map((e) => e.id)).to.deep.equal(['SS12000-2.1-E1', 'SS12000-2.1-E2', 'SS12000-2.1-E3', 'SS12000-2.1-E4', 'SS12000-2.1-E5', 'SS12000-2.1-E6', 'SS12000-2.1-E7'])
    // The two lookups declared as arrays of another entity validate as arrays of their own records
    const lookup = (k: string) => spec.operation(k)!.responses['200']!
    expect(spec.validators.validate(lookup('POST /calendarEvents/lookup'), [{ id: 'x' }]).errors.join()).to.contain('startTime')
    expect(spec.validators.validate(lookup('POST /attendanceSchedule/lookup'), [{ id: 'x' }]).errors.join()).to.contain('placement')
    // Grade without the bogus schoolUnit is valid as far as required fields go
    const grade = spec.validators.validate('#/components/schemas/Grade', {})
    expect(grade.errors.join()).to.not.contain('schoolUnit')
    // A schedule entry's endTime is a time of day, as its description and startTime have it (E5)
    const entry = (endTime: unknown) => spec.validators.validate('#/components/schemas/AttendanceScheduleEntry', { weekOffset: 0, dayOfWeek: 'Måndag', startTime: '08:00', endTime })
    expect(entry('15:30').valid).to.equal(true)
    expect(entry(1530).valid, 'the declared integer is still accepted (a vendor following the document is not failed)').to.equal(true)
    expect(entry(true).valid).to.equal(false)
  })
  it('validates against the schema with readable errors', async function () {
    const spec = await loadSpec()
    const out = spec.validators.validate('#/components/schemas/Error', { code: 1 })
    expect(out.valid).to.equal(false)
    expect(out.errors).to.include("(root): must have required property 'message'")
  })
  it('refuses a file that is not OpenAPI with a one-line KonformError', async function () {
    const dir = await tmpdir()
    const f = path.join(dir, 'x.yaml')
    await writeFile(f, 'hello: world\n')
    try {
      await loadSpec(f)
      expect.fail('loaded')
    } catch (err) {
      expect(err).to.be.instanceOf(KonformError)
      expect((err as Error).message).to.match(/is not an OpenAPI 3 document/)
    }
  })
})
