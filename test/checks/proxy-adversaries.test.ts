// Checks whose rule no named fault of the reference server breaks yet are shown to fail through a loopback proxy
// in front of the clean server that breaks the rule on the way (here: it drops the relationship filters, so a
// filtered list silently returns everything). AWAITING_FAULT names the fault each such check waits for; when the
// reference server gains it, the check moves to ADVERSARIES and out of this table.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { runPlan } from '../../src/run.js'
import { RELATION_FILTERS } from '../../suites/api/_records.js'

/** check id -> the named fault proposed for the reference server (not there yet). */
// Empty: API-FILTER-006 now fails under filter.relation-ignored (ADVERSARIES); the proxy below still shows it
// catching a vendor that drops the filters on the way, independently of the reference server's fault.
export const AWAITING_FAULT: Record<string, string> = {}

const RELATION_PARAMS = new Set(Object.values(RELATION_FILTERS).flatMap((f) => Object.keys(f)))

/** A loopback proxy that forwards every request to `server` with the relationship filters left out of the query. */
async function dropRelationFilters(server: ReferenceServer): Promise<{ base: string; close: () => Promise<void> }> {
  const proxy = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', server.origin)
    for (const name of [...url.searchParams.keys()]) if (RELATION_PARAMS.has(name)) url.searchParams.delete(name)
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const out = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      })
      out.on('error', () => res.writeHead(502).end())
      out.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}${new URL(server.baseUrl).pathname}`,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  }
}

describe('checks awaiting a named fault fail behind a rule-breaking proxy', function () {
  let server: ReferenceServer
  before(async function () {
    server = await startReferenceServer()
  })
  after(async function () {
    await server.close()
  })

  it('API-FILTER-006 fails when the relationship filters are dropped, and passes through a faithful proxy', async function () {
    const proxy = await dropRelationFilters(server)
    try {
      const plan = (target: string) =>
        runPlan({
          target,
          profile: 'full-2.1',
          suites: ['api'],
          checkIds: ['API-FILTER-006'],
          auth: { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
          limits: { ratePerSecond: 0, concurrency: 8, requestTimeoutMs: 5000, checkTimeoutMs: 20000 },
        })
      const broken = (await plan(proxy.base)).results
      const failed = broken.filter((r) => r.status === 'fail')
      expect(failed.length, broken.map((r) => `${r.name}: ${r.status}`).join('; ')).to.be.greaterThan(5)
      for (const r of failed) {
        expect(r.failures[0].message).to.match(/returned records outside the filter/)
        expect(r.evidence.length).to.be.greaterThan(0)
      }
      const clean = (await plan(server.baseUrl)).results
      expect(clean.filter((r) => r.status !== 'pass').map((r) => r.name)).to.deep.equal([])
    } finally {
      await proxy.close()
    }
  })
})
