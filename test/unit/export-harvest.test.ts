import { appendFile, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import type { ExportManifest } from '../../src/export/bag.js'
import { harvest, stripCredentials } from '../../src/export/harvest.js'
import { NotABagError, verifyBag } from '../../src/export/verify.js'
import { KonformError } from '../../src/errors.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { tmpdir } from '../helpers/cli.js'

const ENTITIES = ['organisations', 'persons', 'groups', 'duties', 'activities'] as const

function authOf(s: ReferenceServer) {
  return { kind: 'client-credentials' as const, tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret }
}

async function ndjsonIds(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8')
  return text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id)
}

describe('export harvest and verify', function () {
  this.timeout(30_000)

  describe('a conformant server (profile skolverket-dnp, small pages)', function () {
    let server: ReferenceServer
    let dir: string
    let manifest: ExportManifest

    before(async function () {
      server = await startReferenceServer()
      dir = path.join(await tmpdir('konform-export-'), 'bag')
      ;({ manifest } = await harvest({ target: server.baseUrl, auth: authOf(server), profile: 'skolverket-dnp', out: dir, pageSize: 7, sourceOrganization: 'Testkommun' }))
    })
    after(() => server?.close())

    it('writes every record of every list once, as the server has them', async function () {
      for (const e of ENTITIES) {
        const expected = server.dataset[e]!.map((r) => r.id).sort()
        const ids = await ndjsonIds(path.join(dir, 'data', `${e}.ndjson`))
        expect(ids.length, e).to.equal(expected.length)
        expect(new Set(ids).size, `${e}: ids unique`).to.equal(ids.length)
        expect([...ids].sort(), e).to.deep.equal(expected)
        const f = manifest.files.find((x) => x.entity === e)!
        expect(f.count, e).to.equal(expected.length)
        expect(f.duplicates, e).to.equal(0)
        expect(f.complete, e).to.equal(true)
        expect(f.pages, e).to.equal(Math.max(1, Math.ceil(expected.length / 7)))
      }
    })

    it('keeps the records unredacted (the huvudman\'s own data)', async function () {
      const person = server.dataset.persons[0] as unknown as Record<string, unknown>
      const line = (await readFile(path.join(dir, 'data/persons.ndjson'), 'utf8')).split('\n').find((l) => l.includes(person.id as string))!
      expect(JSON.parse(line).givenName).to.equal(person.givenName)
      expect(manifest.redacted).to.equal(false)
    })

    it('writes deletedEntities merged over the pages', async function () {
      const body = JSON.parse(await readFile(path.join(dir, 'data/deletedEntities.json'), 'utf8')) as { data: Record<string, string[]> }
      const ids = Object.values(body.data).flat().sort()
      expect(ids).to.deep.equal(server.dataset.deletedEntities!.map((d) => d.id).sort())
      expect(manifest.files.find((f) => f.entity === 'deletedEntities')!.count).to.equal(ids.length)
    })

    it('writes the BagIt tag files and a manifest.json describing the harvest', async function () {
      expect(await readFile(path.join(dir, 'bagit.txt'), 'utf8')).to.equal('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
      const info = await readFile(path.join(dir, 'bag-info.txt'), 'utf8')
      expect(info).to.match(/^Source-Organization: Testkommun$/m)
      expect(info).to.match(/^Bagging-Date: \d{4}-\d{2}-\d{2}$/m)
      const octets = manifest.files.reduce((n, f) => n + f.bytes, 0)
      expect(info).to.contain(`Payload-Oxum: ${octets}.6`)
      const lines = (await readFile(path.join(dir, 'manifest-sha256.txt'), 'utf8')).trim().split('\n')
      expect(lines).to.have.length(6)
      const tags = await readFile(path.join(dir, 'tagmanifest-sha256.txt'), 'utf8')
      for (const t of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest.json']) expect(tags).to.match(new RegExp(`^[0-9a-f]{64}  ${t.replace('.', '\\.')}$`, 'm'))
      expect(manifest.profile).to.equal('skolverket-dnp')
      expect(manifest.spec.version).to.equal('2.1.0')
      expect(manifest.harvest.cursor).to.equal(manifest.harvest.startedAt)
      expect(manifest.harvest.complete).to.equal(true)
      expect(manifest.target.url).to.equal(server.baseUrl)
    })

    it('verifies as a valid bag', async function () {
      expect(await verifyBag(dir)).to.deep.equal([])
    })
  })

  describe('verify finds tampering', function () {
    let server: ReferenceServer
    let base: string
    before(async function () {
      server = await startReferenceServer()
      base = await tmpdir('konform-export-')
    })
    after(() => server?.close())

    const fresh = async (name: string) => {
      const dir = path.join(base, name)
      await harvest({ target: server.baseUrl, auth: authOf(server), profile: 'core', out: dir, pageSize: 25 })
      return dir
    }

    it('one changed byte in a payload file', async function () {
      const dir = await fresh('byte')
      const file = path.join(dir, 'data/persons.ndjson')
      const buf = await readFile(file)
      const i = buf.indexOf('"id"') + 1
      buf[i] = buf[i] === 0x69 ? 0x49 : 0x69
      await writeFile(file, buf)
      const problems = await verifyBag(dir)
      expect(problems.join('\n')).to.match(/data\/persons\.ndjson: sha256 .* does not match manifest-sha256\.txt/)
    })

    it('a deleted payload file', async function () {
      const dir = await fresh('deleted')
      await rm(path.join(dir, 'data/organisations.ndjson'))
      const problems = await verifyBag(dir)
      expect(problems).to.include('data/organisations.ndjson is listed in manifest-sha256.txt but missing')
      expect(problems.join('\n')).to.match(/Payload-Oxum/)
    })

    it('an extra payload file', async function () {
      const dir = await fresh('extra')
      await writeFile(path.join(dir, 'data/extra.ndjson'), '{"id":"x"}\n')
      const problems = await verifyBag(dir)
      expect(problems).to.include('data/extra.ndjson is in the payload but not in manifest-sha256.txt')
    })

    it('an added line (count no longer matches) and a changed tag file', async function () {
      const dir = await fresh('line')
      await appendFile(path.join(dir, 'data/persons.ndjson'), '{"no":"id"}\n')
      await appendFile(path.join(dir, 'bag-info.txt'), 'Contact-Name: someone\n')
      const problems = (await verifyBag(dir)).join('\n')
      expect(problems).to.match(/data\/persons\.ndjson has 61 records, manifest\.json says 60/)
      expect(problems).to.match(/data\/persons\.ndjson line 61 is not a record with an id/)
      expect(problems).to.match(/bag-info\.txt: sha256 .* does not match tagmanifest-sha256\.txt/)
    })

    it('a folder without bagit.txt is not a bag', async function () {
      const dir = await tmpdir('konform-notabag-')
      let err: unknown
      await verifyBag(dir).catch((e: unknown) => (err = e))
      expect(err).to.be.instanceOf(NotABagError)
    })
  })

  it('writes a record served twice (paging.repeat-last-item) once and counts the duplicate', async function () {
    const server = await startReferenceServer({ faults: ['paging.repeat-last-item'] })
    try {
      const dir = path.join(await tmpdir('konform-export-'), 'bag')
      const { manifest } = await harvest({ target: server.baseUrl, auth: authOf(server), profile: 'skolverket-dnp', out: dir, pageSize: 10 })
      expect(manifest.harvest.complete).to.equal(true)
      const persons = manifest.files.find((f) => f.entity === 'persons')!
      const ids = await ndjsonIds(path.join(dir, 'data/persons.ndjson'))
      expect(ids.length).to.equal(server.dataset.persons.length)
      expect(new Set(ids).size).to.equal(ids.length)
      expect(persons.count).to.equal(server.dataset.persons.length)
      // 60 persons, 10 per page, each follow-up page repeats one: 9 fresh per follow-up page -> pages 1 + ceil(50/9) = 7.
      expect(persons.duplicates).to.equal(persons.pages - 1).and.to.be.greaterThan(0)
      expect(manifest.files.find((f) => f.entity === 'organisations')!.duplicates).to.equal(0) // one page only
      expect(await verifyBag(dir)).to.deep.equal([])
    } finally {
      await server.close()
    }
  })

  it('validates pages as they arrive: counts the records against the schema (schema.bad-enum) and writes them as served', async function () {
    const server = await startReferenceServer({ faults: ['schema.bad-enum'] })
    try {
      const dir = path.join(await tmpdir('konform-export-'), 'bag')
      const { manifest } = await harvest({ target: server.baseUrl, auth: authOf(server), profile: 'skolverket-dnp', out: dir, pageSize: 4 })
      const byEntity = new Map(manifest.files.map((f) => [f.entity, f]))
      expect(byEntity.get('organisations')!.invalid).to.equal(server.dataset.organisations.length)
      for (const e of ['persons', 'groups', 'duties', 'activities']) expect(byEntity.get(e)!.invalid, e).to.equal(0)
      expect(await readFile(path.join(dir, 'data/organisations.ndjson'), 'utf8')).to.contain('"organisationType":"Kommun"')
    } finally {
      await server.close()
    }
  })

  it('stops at the page bound under paging.never-ends and marks the list incomplete', async function () {
    const server = await startReferenceServer({ faults: ['paging.never-ends'] })
    try {
      const dir = path.join(await tmpdir('konform-export-'), 'bag')
      const { manifest } = await harvest({ target: server.baseUrl, auth: authOf(server), profile: 'core', out: dir, pageSize: 50, limits: { maxPages: 5 } })
      expect(manifest.harvest.complete).to.equal(false)
      const persons = manifest.files.find((f) => f.entity === 'persons')!
      expect(persons.complete).to.equal(false)
      expect(persons.pages).to.equal(5)
      expect(persons.error).to.match(/page bound/)
      expect(persons.count).to.equal(60)
      expect((await verifyBag(dir)).join('\n')).to.match(/harvest of persons did not complete/)
    } finally {
      await server.close()
    }
  })

  it('refuses a non-empty --out before contacting anything', async function () {
    const dir = await tmpdir('konform-export-')
    await writeFile(path.join(dir, 'x'), 'x')
    let err: unknown
    await harvest({ target: 'http://127.0.0.1:9/v2.0', profile: 'core', out: dir }).catch((e: unknown) => (err = e))
    expect(err).to.be.instanceOf(KonformError)
    expect((err as KonformError).message).to.match(/not empty/)
  })

  it('strips credentials, query and fragment from the target URL it records', function () {
    expect(stripCredentials('https://u:p@api.example.se/v2.0?key=s#x')).to.equal('https://api.example.se/v2.0')
  })
})
