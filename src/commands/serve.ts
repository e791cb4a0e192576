import { Command, Flags } from '@oclif/core'
import { faultsFrom } from '../cli/flags.js'
import { FAULT_IDS, FAULTS } from '../reference/faults.js'
import { makeTestPki } from '../reference/pki.js'
import { startReferenceServer } from '../reference/server.js'
import { MAX_SCALE, parseScale, WRITE_SCALE_LIMIT } from '../reference/scale.js'
import { SERVER_PROFILE_NAMES, SERVER_PROFILES } from '../reference/server-profiles.js'
import { readJwks } from './auth/verify-metadata.js'
import { KonformError, oneLine } from '../errors.js'

export default class Serve extends Command {
  static override summary = 'Start the built-in reference SS 12000 server on loopback and keep it running.'

  static override description = `A local test server with seeded synthetic school data (no real person's data). It prints its API base URL,
its OAuth 2.0 token URL and a client id and secret for it, and runs until interrupted (Ctrl-C).
Faults (--fault) each break one rule, to see a check fail:
${FAULT_IDS.map((id) => `  ${id.padEnd(36)} ${FAULTS[id].en}`).join('\n')}`

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --port 8400 --fault paging.ignore-limit',
    '<%= config.bin %> <%= command.id %> --list-faults',
    '<%= config.bin %> <%= command.id %> --scale 1000000',
    '<%= config.bin %> <%= command.id %> --profile skolverket-dnp',
  ]

  static override flags = {
    port: Flags.integer({ description: 'TCP port on 127.0.0.1 (0 = any free port).', default: 0, min: 0, max: 65535 }),
    fault: Flags.string({ description: 'Switch on a named fault (repeatable; listed above).', multiple: true, helpValue: 'NAME' }),
    profile: Flags.string({
      description: 'What the server offers: full-2.1 every operation of SS 12000 2.1.0, skolverket-dnp only what Skolverket DNP uses (other operations answer 404).',
      options: SERVER_PROFILE_NAMES,
      default: 'full-2.1',
    }),
    seed: Flags.integer({ description: 'Seed of the synthetic data.', default: 12000 }),
    scale: Flags.string({
      description: `Serve a synthetic organisation of about N entities in total (100 to ${MAX_SCALE}) instead of the small default; above ${WRITE_SCALE_LIMIT} changes to the data are refused.`,
      helpValue: 'N',
    }),
    mtls: Flags.boolean({ description: 'Listen with HTTPS that requires a client certificate (a test PKI made with openssl; paths printed).', default: false }),
    'fedtls-metadata': Flags.string({ description: 'With --mtls: consume this FedTLS/MATF federation metadata (file or URL): trust its issuers, serve only pinned clients; SIGHUP loads it again.', helpValue: 'FILE|URL' }),
    'fedtls-jwks': Flags.string({ description: "The federation's signing keys (JWKS file) for --fedtls-metadata.", helpValue: 'FILE' }),
    'list-faults': Flags.boolean({ description: 'Print the named faults (id and what each breaks) and exit.', default: false }),
  }

  async run() {
    const { flags } = await this.parse(Serve)
    if (flags['list-faults']) {
      for (const id of FAULT_IDS) this.log(`${id.padEnd(36)} ${FAULTS[id].en}`)
      return
    }
    let scale: number | undefined
    try {
      scale = flags.scale === undefined ? undefined : parseScale(flags.scale)
    } catch (err) {
      this.error((err as Error).message, { exit: 2 })
    }
    if ((flags['fedtls-metadata'] || flags['fedtls-jwks']) && !(flags.mtls && flags['fedtls-metadata'] && flags['fedtls-jwks'])) {
      throw new KonformError('--fedtls-metadata and --fedtls-jwks go together, with --mtls')
    }
    const federation = flags['fedtls-metadata'] ? { metadata: flags['fedtls-metadata'], jwks: await readJwks(flags['fedtls-jwks']!) } : undefined
    const pki = flags.mtls ? await makeTestPki() : undefined
    const tls = pki ? { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca } : undefined
    const server = await startReferenceServer({ port: flags.port, faults: faultsFrom(flags.fault), seed: flags.seed, scale, tls, federation, operations: SERVER_PROFILES[flags.profile] }).catch((err: unknown) => {
      throw new KonformError(oneLine(err))
    })
    if (federation) {
      // FedTLS: load the federation's metadata again when told (kill -HUP), never on a timer of its own.
      process.on('SIGHUP', () => void server.refreshFederation().then((p) => process.stderr.write(`konform: federation metadata ${p ? `not taken: ${p}` : 'loaded again'}\n`)))
    }
    this.log(`API base URL:   ${server.baseUrl}`)
    this.log(`Token URL:      ${server.tokenUrl}`)
    this.log(`Client id:      ${server.clientId}`)
    this.log(`Client secret:  ${server.clientSecret}`)
    this.log(`Admin changes:  POST ${server.origin}/admin/changes (bearer token; e.g. {"modify": {"persons": 1}}; see README)`)
    if (scale !== undefined) this.log(`Scale:          about ${scale} entities (${Object.values(server.dataset).reduce((n, l) => n + (Array.isArray(l) ? l.length : 0), 0)} generated)`)
    this.log(`Profile:        ${flags.profile}${flags.profile === 'full-2.1' ? '' : ' (other operations answer 404)'}`)
    if (server.faults.length) this.log(`Faults:         ${server.faults.join(', ')}`)
    const mtlsArgs = pki ? ` --profile mtls --client-cert ${pki.client.certFile} --client-key ${pki.client.keyFile} --ca ${pki.caFile}` : ''
    if (federation) this.log(`Federation:     ${federation.metadata} (kill -HUP ${process.pid} loads it again)`)
    if (pki) {
      this.log(`Server CA:      ${pki.caFile}`)
      this.log(`Client cert:    ${pki.client.certFile} (key ${pki.client.keyFile})`)
    }
    this.log('')
    this.log(`Try: KONFORM_CLIENT_SECRET=${server.clientSecret} konform run --target ${server.baseUrl} --token-url ${server.tokenUrl} --client-id ${server.clientId}${mtlsArgs}`)
    // auth3: RFC 8705 tls_client_auth (subject DN CN=konform test client registered) and certificate-bound tokens.
    if (pki) {
      this.log(
        `Or (RFC 8705): konform run --profile mtls-token --target ${server.baseUrl} --token-url ${server.tokenUrl} --client-id ${server.clientId} --client-auth tls_client_auth ` +
          `--client-cert ${pki.client.certFile} --client-key ${pki.client.keyFile} --ca ${pki.caFile} --other-client-cert ${pki.otherClient.certFile} --other-client-key ${pki.otherClient.keyFile}`,
      )
    }
    this.log('Press Ctrl-C to stop.')
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await server.close()
  }
}
