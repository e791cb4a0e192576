import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { NotAReportFolder, parseSums, renderSums, verifyReports } from '../../src/report/integrity.js'
import { writeReports } from '../../src/report/index.js'
import { sampleRun } from '../helpers/sample-run.js'

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe('report integrity: SHA256SUMS', () => {
  let base: string
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'konform-integrity-'))
  })
  afterEach(() => rm(base, { recursive: true, force: true }))

  it('writeReports writes SHA256SUMS in sha256sum format, matching the bytes of the three files', async () => {
    const paths = await writeReports(sampleRun(), base, 'sv')
    expect(paths.sums).to.equal(join(base, 'SHA256SUMS'))
    const lines = (await readFile(paths.sums, 'utf8')).split('\n')
    expect(lines.pop()).to.equal('')
    expect(lines).to.deep.equal([
      `${sha(await readFile(paths.json))}  results.json`,
      `${sha(await readFile(paths.junit))}  junit.xml`,
      `${sha(await readFile(paths.html))}  report.html`,
    ])
    const v = await verifyReports(base)
    expect(v.ok).to.equal(true)
    expect(v.files.map((f) => [f.file, f.status])).to.deep.equal([
      ['results.json', 'ok'],
      ['junit.xml', 'ok'],
      ['report.html', 'ok'],
    ])
    expect(v.manifestSha256).to.equal(sha(await readFile(paths.sums)))
  })

  it('names the file in which one byte changed', async () => {
    const paths = await writeReports(sampleRun(), base, 'en')
    const html = await readFile(paths.html)
    const original = sha(html)
    const at = html.indexOf('</title>') - 1
    html[at] = html[at] ^ 0x01
    await writeFile(paths.html, html)
    const v = await verifyReports(base)
    expect(v.ok).to.equal(false)
    expect(v.files.filter((f) => f.status !== 'ok')).to.deep.equal([
      { file: 'report.html', status: 'mismatch', expected: original, actual: sha(html) },
    ])
  })

  it('reports a missing file and a report file the manifest does not list', async () => {
    const paths = await writeReports(sampleRun(), base, 'en')
    await unlink(paths.junit)
    const sums = parseSums(await readFile(paths.sums, 'utf8')).filter((e) => e.file !== 'report.html')
    await writeFile(paths.sums, renderSums(sums))
    const v = await verifyReports(base)
    expect(v.ok).to.equal(false)
    expect(v.files.map((f) => [f.file, f.status])).to.deep.equal([
      ['results.json', 'ok'],
      ['junit.xml', 'missing'],
      ['report.html', 'unlisted'],
    ])
  })

  it('rewrites SHA256SUMS when a folder is written again', async () => {
    await writeReports(sampleRun(), base, 'en')
    await writeReports(sampleRun(), base, 'sv')
    expect((await verifyReports(base)).ok).to.equal(true)
  })

  it('refuses a folder without SHA256SUMS, a missing folder and a malformed or path-naming manifest', async () => {
    await expectNotAReportFolder(verifyReports(base), /holds no SHA256SUMS/)
    await expectNotAReportFolder(verifyReports(join(base, 'absent')), /is not a folder/)
    await writeFile(join(base, 'SHA256SUMS'), 'not a sum\n')
    await expectNotAReportFolder(verifyReports(base), /SHA256SUMS line 1 is not/)
    await writeFile(join(base, 'SHA256SUMS'), `${'0'.repeat(64)}  ../etc/passwd\n`)
    await expectNotAReportFolder(verifyReports(base), /names a path/)
  })

  it('parseSums reads sha256sum text and binary markers and CRLF line ends', () => {
    const h = 'A'.repeat(64)
    expect(parseSums(`${h}  results.json\r\n${'b'.repeat(64)} *junit.xml\n`)).to.deep.equal([
      { file: 'results.json', sha256: 'a'.repeat(64) },
      { file: 'junit.xml', sha256: 'b'.repeat(64) },
    ])
    expect(() => parseSums('')).to.throw(/empty/)
    expect(() => parseSums(`${h}  a\n${h}  a\n`)).to.throw(/twice/)
  })
})

async function expectNotAReportFolder(p: Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await p
  } catch (err) {
    expect(err).to.be.instanceOf(NotAReportFolder)
    expect((err as Error).message).to.match(message)
    return
  }
  expect.fail('expected NotAReportFolder')
}
