import path from 'node:path'
import { readFile, writeFile } from 'node:fs/promises'
import { Command, Flags } from '@oclif/core'
import { ClientHarness, CLIENT_UNDER_TEST_ENTITY, TEST_SERVER_ENTITY } from '../../auth/fedtls-client-harness.js'
import { spkiPin } from '../../auth/fedtls.js'
import { defaultLang, envSecrets } from '../../cli/flags.js'
import { EXIT, KonformError, oneLine } from '../../errors.js'
import { makeTestPki, removeTestPki } from '../../reference/pki.js'
import { progressLine, summaryTable } from '../../report/console.js'
import { mkdirp, writeReports } from '../../report/index.js'
import { runPlan } from '../../run.js'

export default class AuthFedtlsClientTest extends Command {
  static override summary = "Test a vendor's FedTLS/MATF client: konform publishes the federation and is the server it connects to."

  static override description = `konform acts as the operator of a TEST federation (signed ES256 metadata on loopback that pins konform's test
server and registers the client's pin from --client-pin or --client-cert) and as that server. Configure the
client's test environment with the metadata URL and the JWKS this command prints, and make it call the server;
konform then offers three scenarios in turn, waiting up to --timeout seconds for the client in each:
  AUTH-FEDTLS-CLI-001 the metadata as published: the client presents its registered certificate;
  AUTH-FEDTLS-CLI-002 konform presents a certificate whose pin is not published: no request or token may arrive;
  AUTH-FEDTLS-CLI-003 expired, then badly signed metadata moving the server to a new pin: no connection there.
A scenario the client does not act on within the timeout is skipped with the reason, never passed. The client
must fetch the metadata at least once per scenario (give it a short cache time in the test environment).
Writes results.json, junit.xml and report.html like konform run. Exit codes as konform run.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --client-cert client.crt --jwks-out fed.jwks --timeout 300',
    '<%= config.bin %> <%= command.id %> --client-pin RidOaJGq6owkSjfZx/8+9nZImUuWAAch6GFFimAWW4k= --port 8443',
  ]

  static override flags = {
    'client-pin': Flags.string({ description: "The client's SPKI pin (base64 SHA-256 of its certificate's public key).", helpValue: 'PIN', exclusive: ['client-cert'] }),
    'client-cert': Flags.string({ description: "The client's certificate (PEM); its pin is published.", helpValue: 'FILE' }),
    port: Flags.integer({ description: "TCP port of konform's test server on 127.0.0.1 (0 = any free port).", default: 0, min: 0, max: 65535 }),
    timeout: Flags.integer({ description: 'Seconds to wait for the client in each scenario.', default: 120, min: 1, max: 3600 }),
    'jwks-out': Flags.string({ description: "Where to write the federation's public JWKS (also served next to the metadata).", helpValue: 'FILE' }),
    out: Flags.string({ char: 'o', description: 'Folder for the reports (default: reports/<UTC timestamp>).' }),
    lang: Flags.string({ description: 'Language of the HTML report and the summary (default: from the locale).', options: ['sv', 'en'] }),
  }

  async run() {
    const { flags } = await this.parse(AuthFedtlsClientTest)
    const lang = (flags.lang as 'sv' | 'en' | undefined) ?? defaultLang()
    const pin = await clientPinFrom(flags)
    const dir = flags.out ?? path.join('reports', new Date().toISOString().replace(/[:.]/g, '-'))
    await mkdirp(dir).catch((err: unknown) => {
      throw new KonformError(`cannot write the reports to ${dir}: ${oneLine(err)}`)
    })
    const pki = await makeTestPki()
    await removeTestPki(pki)
    const harness = await ClientHarness.start({ ca: pki.ca, server: pki.server, unpublished: pki.unpublishedServer, clientPin: pin, port: flags.port }).catch((err: unknown) => {
      throw new KonformError(`cannot listen on 127.0.0.1:${flags.port}: ${oneLine(err)}`)
    })
    try {
      if (flags['jwks-out']) {
        await writeFile(flags['jwks-out'], `${JSON.stringify({ keys: harness.operator.jwks }, null, 2)}\n`).catch((err: unknown) => {
          throw new KonformError(`cannot write ${flags['jwks-out']}: ${oneLine(err)}`)
        })
      }
      const say = (t: string) => process.stderr.write(`${t}\n`)
      say(`Metadata URL:    ${harness.operator.url}`)
      say(`JWKS URL:        ${harness.operator.url.replace(/md\.jws$/, 'jwks.json')}${flags['jwks-out'] ? ` (also in ${flags['jwks-out']})` : ''}`)
      say(`Server entity:   ${TEST_SERVER_ENTITY}, base_uri ${harness.baseUri}`)
      say(`Client entity:   ${CLIENT_UNDER_TEST_ENTITY}, pin ${pin}`)
      say(`Configure the client's TEST environment with this metadata and JWKS and make it call the server entity;`)
      say(`konform waits up to ${flags.timeout} s per scenario. Never configure a production system with it.`)
      const timeoutMs = flags.timeout * 1000
      const session = harness.session(
        `konform waited up to ${flags.timeout} s (--timeout) for the client; make it fetch the metadata and call ${harness.baseUri} while the command runs`,
        (scenario) => {
          say(`konform: scenario ${scenario}: waiting for the client…`)
          return harness.waitForClient(scenario, timeoutMs)
        },
      )
      const run = await runPlan({
        target: harness.baseUri,
        profile: 'fedtls-client',
        suites: ['auth'],
        tls: { ca: pki.ca },
        fedtlsClient: session,
        limits: { checkTimeoutMs: 3 * timeoutMs + 60_000 },
        secrets: { ...envSecrets(), 'fedtls-server-key': pki.server.key, 'fedtls-unpublished-server-key': pki.unpublishedServer.key },
        command: process.argv.slice(2),
        onResult: (r) => say(progressLine(r, lang)),
      })
      const files = await writeReports(run, dir, lang).catch((err: unknown) => {
        throw new KonformError(`cannot write the reports to ${dir}: ${oneLine(err)}`)
      })
      if (!run.verdict.passed) process.exitCode = EXIT.CHECK_FAILED
      // Skipped is not passed: a client that never took part has not been tested (exit as for an unreachable target).
      else if (run.results.every((r) => r.status === 'skip')) {
        process.exitCode = EXIT.UNREACHABLE
        say('konform: the client did not take part in any scenario: nothing was tested')
      }
      this.log(summaryTable(run, lang))
      this.log('')
      for (const f of [files.json, files.junit, files.html, files.sums]) this.log(f)
    } finally {
      await harness.close()
    }
  }
}

/** The pin from --client-pin (checked: base64 of 32 bytes) or from --client-cert. */
async function clientPinFrom(f: { 'client-pin'?: string; 'client-cert'?: string }): Promise<string> {
  if (f['client-cert']) {
    const text = await readFile(f['client-cert'], 'utf8').catch((err: unknown) => {
      throw new KonformError(`cannot read the certificate ${f['client-cert']}: ${oneLine(err)}`)
    })
    try {
      return spkiPin(text)
    } catch {
      throw new KonformError(`${f['client-cert']} is not a PEM certificate`)
    }
  }
  const pin = f['client-pin']
  if (!pin) throw new KonformError("give the client's pin: --client-pin PIN or --client-cert FILE")
  if (!/^[A-Za-z0-9+/]{43}=$/.test(pin) || Buffer.from(pin, 'base64').length !== 32) {
    throw new KonformError(`--client-pin ${pin} is not an SPKI pin (base64 of a 32-byte SHA-256 digest, 44 characters)`)
  }
  return pin
}
