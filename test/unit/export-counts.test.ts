// EXPORT-COUNTS-012 with the customer's own counts (--expected-counts FILE), and the file's one-line errors.

import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { generateDataset } from '../../fixtures/generate.js'
import { readExpectedCounts } from '../../src/export/expected-counts.js'
import { KonformError } from '../../src/errors.js'
import { tmpdir } from '../helpers/cli.js'
import { runBuiltIn } from '../helpers/run.js'

async function file(content: unknown): Promise<string> {
  const f = path.join(await tmpdir(), 'counts.json')
  await writeFile(f, typeof content === 'string' ? content : JSON.stringify(content))
  return f
}

describe('EXPORT-COUNTS-012 with --expected-counts', function () {
  this.timeout(30_000)
  const d = generateDataset({})
  const counts = async (content: unknown) => {
    const run = await runBuiltIn({ checkIds: ['EXPORT-COUNTS-012'], expectedCounts: await file(content) })
    return run.results[0]
  }

  it('passes when every list holds the expected count, and says where the counts came from', async function () {
    const r = await counts({ persons: d.persons.length, organisations: d.organisations.length })
    expect(r.status, r.failures[0]?.message).to.equal('pass')
    expect(r.notes[0]).to.match(/^expected counts from .*counts\.json, tolerance 0%$/)
  })

  it('fails when a list holds fewer records than expected, and passes within the stated tolerance', async function () {
    const short = await counts({ persons: d.persons.length + 2 })
    expect(short.status).to.equal('fail')
    expect(short.failures[0].message).to.equal(`GET /persons exports ${d.persons.length} record(s), the customer expects ${d.persons.length + 2}`)
    expect((await counts({ counts: { persons: d.persons.length + 2 }, tolerance: 0.05 })).status).to.equal('pass')
  })

  it('fails for an expected list the profile does not export', async function () {
    const r = await counts({ groups: 3 })
    expect(r.status).to.equal('fail')
    expect(r.failures[0].message).to.match(/profile exports no list of groups/)
  })

  it('refuses a file that is not JSON counts with a one-line KonformError', async function () {
    for (const bad of ['{"persons": ', { persons: -1 }, { persons: 1.5 }, [1, 2], { counts: { persons: 1 }, tolerance: 2 }]) {
      const err = await readExpectedCounts(await file(bad)).catch((e: unknown) => e)
      expect(err, JSON.stringify(bad)).to.be.instanceOf(KonformError)
      expect((err as Error).message).to.match(/^--expected-counts .*counts\.json/).and.not.include('\n')
    }
  })
})
