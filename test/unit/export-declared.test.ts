import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { generateDataset } from '../../fixtures/generate.js'
import { builtInDeclared, BUILT_IN_ORGANISATION_RECORDS, declaredFrom, readRegister } from '../../src/export/declared.js'
import { KonformError } from '../../src/errors.js'
import { tmpdir } from '../helpers/cli.js'

describe('declared values for the export checks', function () {
  it('takes flags over the --about configuration, and the about values when no flag is given', async function () {
    const about = { configuration: { retentionDays: '90', organisationRecords: '120000', exportThresholdHours: '12' } }
    const d = await declaredFrom({ 'retention-days': 30 }, about)
    expect(d.retentionDays).to.equal(30)
    expect(d.sources.retentionDays).to.equal('--retention-days')
    expect(d.organisationRecords).to.equal(120000)
    expect(d.thresholdHours).to.equal(12)
    expect(d.sources.thresholdHours).to.equal('--about configuration exportThresholdHours')
    expect((await declaredFrom({})).retentionDays).to.equal(undefined)
  })

  it('refuses a malformed about value or register in one line', async function () {
    let err: unknown
    await declaredFrom({}, { configuration: { retentionDays: 'ninety' } }).catch((e: unknown) => (err = e))
    expect(err).to.be.instanceOf(KonformError)
    expect((err as Error).message).to.match(/retentionDays must be a positive number/)
    const file = path.join(await tmpdir(), 'register.yaml')
    await writeFile(file, 'lists: 3\n')
    err = undefined
    await readRegister(file).catch((e: unknown) => (err = e))
    expect((err as Error).message).to.match(/^--export-register .*: expected a list/)
  })

  it('reads a register as a plain list or {lists, outside}', async function () {
    const dir = await tmpdir()
    await writeFile(path.join(dir, 'a.json'), '["persons", "/groups"]')
    await writeFile(path.join(dir, 'b.yaml'), 'lists: [persons]\noutside: [documents]\n')
    expect(await readRegister(path.join(dir, 'a.json'))).to.deep.equal({ lists: ['persons', 'groups'], outside: [] })
    expect(await readRegister(path.join(dir, 'b.yaml'))).to.deep.equal({ lists: ['persons'], outside: ['documents'] })
  })

  it('on the built-in server: a retention 30 days past the oldest deletion, a large organisation, every filled list', function () {
    const d = generateDataset({})
    const oldest = Math.min(...d.deletedEntities!.map((e) => Date.parse(e.deletedAt)))
    const now = oldest + 10 * 86_400_000
    const b = builtInDeclared(d, { sources: {} }, now)
    expect(b.retentionDays).to.equal(40)
    expect(b.organisationRecords).to.equal(BUILT_IN_ORGANISATION_RECORDS)
    expect(b.register!.lists).to.include.members(['persons', 'groups', 'syllabuses', 'rooms'])
    expect(b.register!.lists).to.not.include('deletedEntities')
    // What was declared stays.
    expect(builtInDeclared(d, { retentionDays: 7, sources: { retentionDays: '--retention-days' } }, now).retentionDays).to.equal(7)
  })
})
