// konform serve --profile (issue #3): the built-in server offering only Skolverket DNP's operations, and a run of
// profile full-2.1 against it reporting the others as not implemented (API-CAPABILITY-001).

import { expect } from 'chai'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { SERVER_PROFILES } from '../../src/reference/server-profiles.js'
import { runPlan } from '../../src/run.js'
import { call } from '../helpers/http.js'

describe('server profile skolverket-dnp', function () {
  let server: ReferenceServer
  before(async function () {
    server = await startReferenceServer({ operations: SERVER_PROFILES['skolverket-dnp'] })
  })
  after(async function () {
    await server.close()
  })

  it('serves the DNP operations and answers 404 to the others', async function () {
    const headers = { authorization: `Bearer ${await server.issueToken()}` }
    const get = async (p: string) => (await call(server.baseUrl + p, { headers })).status
    expect(await get('/persons?limit=1')).to.equal(200)
    expect(await get('/activities?limit=1')).to.equal(200)
    expect(await get('/deletedEntities')).to.equal(200)
    expect(await get('/grades')).to.equal(404)
    expect(await get('/rooms')).to.equal(404)
    const lookup = await call(`${server.baseUrl}/persons/lookup`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"ids":[]}' })
    expect(lookup.status).to.equal(404)
  })

  it('a run of profile full-2.1 reports the operations it does not serve as not implemented (API-CAPABILITY-001)', async function () {
    const run = await runPlan({
      target: server.baseUrl,
      profile: 'full-2.1',
      suites: ['api'],
      checkIds: ['API-CAPABILITY-001'],
      auth: { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
      limits: { ratePerSecond: 0, concurrency: 8, requestTimeoutMs: 5000, checkTimeoutMs: 20000 },
    })
    const status = new Map(run.results.filter((r) => r.checkId === 'API-CAPABILITY-001').map((r) => [r.operation, r]))
    for (const op of ['GET /grades', 'GET /rooms', 'POST /persons/lookup', 'GET /calendarEvents']) {
      expect(status.get(op)?.status, op).to.equal('fail')
      expect(status.get(op)?.failures[0].message).to.match(/is not implemented/)
    }
    for (const op of SERVER_PROFILES['skolverket-dnp']) if (op.startsWith('GET ')) expect(status.get(op)?.status, op).to.equal('pass')
    expect(run.verdict.passed).to.equal(false)
  })
})
