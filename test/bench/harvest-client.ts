// One side of the export bench (bench.ts), in its own process so that its peak RSS is its own: either konform's
// harvest (kit) or a bare undici loop over the same lists and pages (bare: parsed for the pageToken only, nothing
// validated or written). Usage: node harvest-client.js kit|bare '{"baseUrl","tokenUrl","clientId","clientSecret",
// "profile","pageSize","out"}'. Prints JSON lines: {rss, records} every `sampleEvery` records (kit: per page, the
// RSS after that page), then {records, ms, maxRss}.

import { request } from 'undici'
import { harvest, DELETED_ENTITIES } from '../../src/export/harvest.js'
import { loadSpec } from '../../src/spec/load.js'
import { PROFILES } from '../../suites/profiles.js'

interface Args {
  baseUrl: string
  tokenUrl: string
  clientId: string
  clientSecret: string
  profile: string
  pageSize: number
  out: string
  sampleEvery?: number
}

const mode = process.argv[2]
const a = JSON.parse(process.argv[3] ?? '{}') as Args
const every = a.sampleEvery ?? 50_000
const print = (o: object) => process.stdout.write(JSON.stringify(o) + '\n')
let nextSample = every
const sample = (records: number) => {
  if (records < nextSample) return
  while (nextSample <= records) nextSample += every
  print({ records, rss: process.memoryUsage().rss })
}

let records = 0
let done = 0 // records of the lists already finished (kit)
let t0 = 0
if (mode === 'kit') {
  // The spec and the profile's operations are loaded (and cached) before the clock starts, as for the bare loop.
  await loadSpec()
  void PROFILES[a.profile]?.operations
  t0 = performance.now()
  const r = await harvest({
    target: a.baseUrl,
    auth: { kind: 'client-credentials', tokenUrl: a.tokenUrl, clientId: a.clientId, clientSecret: a.clientSecret },
    profile: a.profile,
    out: a.out,
    pageSize: a.pageSize,
    limits: { ratePerSecond: 0, maxPages: 1_000_000 },
    onPage: (p) => sample(done + p.count),
    onFile: (f) => (done += f.format === 'ndjson' ? f.count : 0),
  })
  records = r.manifest.files.reduce((n, f) => n + (f.format === 'ndjson' ? f.count : 0), 0)
} else if (mode === 'bare') {
  const spec = await loadSpec()
  const paths = PROFILES[a.profile].operations.flatMap((key) => {
    const op = spec.operation(key)
    return op && op.recordList && key !== DELETED_ENTITIES ? [op.path] : []
  })
  t0 = performance.now()
  const tok = await request(a.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${a.clientId}:${a.clientSecret}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  })
  const bearer = `Bearer ${((await tok.body.json()) as { access_token: string }).access_token}`
  for (const p of paths) {
    let url = `${a.baseUrl}${p}?limit=${a.pageSize}`
    for (;;) {
      const res = await request(url, { headers: { authorization: bearer, accept: 'application/json' } })
      const body = (await res.body.json()) as { data?: unknown; pageToken?: string | null }
      if (res.statusCode !== 200) break
      if (Array.isArray(body.data)) records += body.data.length
      sample(records)
      if (!body.pageToken) break
      url = `${a.baseUrl}${p}?pageToken=${encodeURIComponent(body.pageToken)}`
    }
  }
} else {
  throw new Error('usage: harvest-client.js kit|bare ARGS')
}
print({ records, ms: performance.now() - t0, maxRss: process.resourceUsage().maxRSS * 1024 })
