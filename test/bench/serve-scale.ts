// The reference server at --scale N in its own process, for the scale bench (bench.ts): prints one JSON line
// {baseUrl, tokenUrl, clientId, clientSecret, records, startMs, rss} once it serves, and on SIGTERM one more
// {maxRss} (the process's peak resident set, harvest included) before it exits.

import { startReferenceServer } from '../../src/reference/server.js'

const t0 = performance.now()
const s = await startReferenceServer({ scale: Number(process.argv[2] ?? 100_000) })
const startMs = performance.now() - t0
const records = Object.values(s.dataset).reduce((n: number, l) => n + (Array.isArray(l) ? l.length : 0), 0)
const line = { baseUrl: s.baseUrl, tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret, records, startMs, rss: process.memoryUsage().rss }
process.stdout.write(JSON.stringify(line) + '\n')
process.on('SIGTERM', () =>
  void s.close().then(() => {
    process.stdout.write(JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024 }) + '\n', () => process.exit(0))
  }),
)
