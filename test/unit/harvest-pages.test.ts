// The harvest's page handling for large data (issue #5): pages larger than a byte bound make the next request
// ask for fewer records (limit beside the pageToken, as SS 12000 allows), so memory stays bounded whatever the
// records' size; the archive holds the same records either way.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { harvest, pageLimit, PAGE_BYTES } from '../../src/export/harvest.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { tmpdir } from '../helpers/cli.js'

describe('export harvest: pages bounded in bytes', function () {
  this.timeout(60_000)

  it('pageLimit: the token alone while pages stay within the bound, else proportionally fewer records (at least one)', function () {
    expect(pageLimit(1000, 1000, PAGE_BYTES)).to.equal(undefined)
    expect(pageLimit(1000, 1000, 2 * PAGE_BYTES)).to.equal(500)
    expect(pageLimit(1000, 10, 100 * PAGE_BYTES)).to.equal(1)
    expect(pageLimit(1000, 1, 100 * PAGE_BYTES)).to.equal(undefined)
    expect(pageLimit(50, 100, 1000, 10)).to.equal(1)
    expect(pageLimit(50, 100, 1000, 500)).to.equal(50)
  })

  describe('against the reference server', function () {
    let server: ReferenceServer
    before(async () => (server = await startReferenceServer()))
    after(() => server?.close())

    const run = async (pageBytes?: number) => {
      const out = path.join(await tmpdir('konform-pages-'), 'bag')
      const auth = { kind: 'client-credentials' as const, tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret }
      const { manifest } = await harvest({ target: server.baseUrl, auth, profile: 'skolverket-dnp', out, pageSize: 8, pageBytes })
      const groups = manifest.files.find((f) => f.entity === 'groups')!
      const text = await readFile(path.join(out, groups.path), 'utf8')
      return { groups, text }
    }

    it('with a small byte bound, group pages shrink and the same records are written in the same order', async function () {
      const plain = await run()
      const bounded = await run(1000)
      expect(plain.groups.count).to.be.greaterThan(10)
      expect(plain.groups.pages).to.equal(Math.ceil(plain.groups.count / 8))
      expect(bounded.groups.pages).to.be.greaterThan(plain.groups.pages)
      expect(bounded.groups.complete).to.equal(true)
      expect(bounded.groups.count).to.equal(plain.groups.count)
      expect(bounded.groups.duplicates).to.equal(0)
      expect(bounded.text).to.equal(plain.text)
      expect(bounded.groups.sha256).to.equal(plain.groups.sha256)
    })
  })
})
