// A reference server with a larger generated dataset, in its own process, for the export bench: the harvest's
// memory is then measured apart from the server's. Prints one JSON line {baseUrl, tokenUrl, clientId,
// clientSecret, records} and serves until killed.

import { generateDataset } from '../../fixtures/generate.js'
import { startReferenceServer } from '../../src/reference/server.js'

const schoolUnits = Number(process.argv[2] ?? 40)
const pupilsPerUnit = Number(process.argv[3] ?? 250)
const dataset = generateDataset({ schoolUnits, pupilsPerUnit })
const s = await startReferenceServer({ dataset })
const records = [dataset.organisations, dataset.persons, dataset.groups, dataset.duties, dataset.activities].reduce((n, l) => n + l.length, 0)
process.stdout.write(JSON.stringify({ baseUrl: s.baseUrl, tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret, records }) + '\n')
process.on('SIGTERM', () => void s.close().then(() => process.exit(0)))
