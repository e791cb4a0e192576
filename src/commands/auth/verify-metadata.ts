import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { Args, Command, Flags } from '@oclif/core'
import type { JWK } from 'jose'
import { defaultLang } from '../../cli/flags.js'
import { EXIT, KonformError, oneLine } from '../../errors.js'
import { summaryTable } from '../../report/console.js'
import { mkdirp, writeReports } from '../../report/index.js'
import { runPlan } from '../../run.js'

export default class AuthVerifyMetadata extends Command {
  static override summary = "Check a federation's FedTLS/MATF metadata document (AUTH-FEDTLS-MD-*) and write the reports."

  static override description = `Runs the metadata checks on a document given as a file or an http(s) URL, against the federation's signing
keys (--jwks: a JWKS file, compared out of band by its RFC 7638 thumbprint): General JWS JSON form, protected
header, signature, expiry, the MATF schema, unique entities and pins, issuer certificates, the Moa profile, cache
TTL and legacy pins (AUTH-FEDTLS-MD-001…010). Reports as konform run does.
A file is served once on loopback so that its evidence looks like any fetched document.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> md.jws --jwks fed.jwks',
    '<%= config.bin %> <%= command.id %> https://fed.skolfederation.se/prod/md/kontosynk.jws --jwks moa-prod.jwks --lang sv',
  ]

  static override args = { document: Args.string({ description: 'The metadata: a file or an http(s) URL.', required: true }) }

  static override enableJsonFlag = true

  static override flags = {
    jwks: Flags.string({ description: "The federation's signing keys (JWKS JSON file).", required: true, helpValue: 'FILE' }),
    out: Flags.string({ char: 'o', description: 'Folder for the reports (default: reports/<UTC timestamp>).' }),
    lang: Flags.string({ description: 'Language of the HTML report and the summary.', options: ['sv', 'en'] }),
  }

  async run() {
    const { args, flags } = await this.parse(AuthVerifyMetadata)
    const lang = (flags.lang as 'sv' | 'en' | undefined) ?? defaultLang()
    const jwks = await readJwks(flags.jwks)
    const isUrl = /^https?:\/\//i.test(args.document)
    const served = isUrl ? undefined : await serveOnce(args.document)
    const url = isUrl ? args.document : served!.url
    const dir = flags.out ?? path.join('reports', new Date().toISOString().replace(/[:.]/g, '-'))
    try {
      await mkdirp(dir).catch((err: unknown) => {
        throw new KonformError(`cannot write the reports to ${dir}: ${oneLine(err)}`)
      })
      const run = await runPlan({ target: url, profile: 'fedtls-metadata', suites: ['auth'], metadata: { url, jwks }, limits: { ratePerSecond: 0 } })
      const files = await writeReports(run, dir, lang)
      if (!run.verdict.passed) process.exitCode = EXIT.CHECK_FAILED
      if (!this.jsonEnabled()) {
        this.log(summaryTable(run, lang))
        this.log('')
        for (const f of [files.json, files.junit, files.html, files.sums]) this.log(f)
      }
      return { verdict: run.verdict.passed ? 'passed' : 'failed', summary: run.summary, files }
    } finally {
      await served?.close()
    }
  }
}

export async function readJwks(file: string): Promise<JWK[]> {
  let v: { keys?: unknown }
  try {
    v = JSON.parse(await readFile(file, 'utf8')) as { keys?: unknown }
  } catch (err) {
    throw new KonformError(`cannot read the JWKS ${file}: ${oneLine(err)}`)
  }
  if (!Array.isArray(v?.keys) || !v.keys.length) throw new KonformError(`${file} is not a JWKS with keys ({"keys": [...]})`)
  if (v.keys.some((k: Record<string, unknown>) => 'd' in k)) throw new KonformError(`${file} holds a private key; give the public JWKS`)
  return v.keys as JWK[]
}

/** The file, served on loopback at /<its name> until closed. */
export async function serveOnce(file: string): Promise<{ url: string; close(): Promise<void> }> {
  const body = await readFile(file).catch((err: unknown) => {
    throw new KonformError(`cannot read the metadata ${file}: ${oneLine(err)}`)
  })
  const name = encodeURIComponent(path.basename(file))
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === `/${name}` ? 200 : 404, { 'content-type': 'application/jose+json' })
    res.end(req.url === `/${name}` ? body : undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${name}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
