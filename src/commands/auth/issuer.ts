import { Command, Flags } from '@oclif/core'
import { TestIssuer } from '../../auth/issuer.js'
import { startIssuerServer } from '../../auth/issuer-server.js'
import { KonformError, oneLine } from '../../errors.js'
import { ensureKey, loadClientKey } from '../../http/client-auth.js'

export default class AuthIssuer extends Command {
  static override summary = "Serve konform's test token issuer (its JWKS), for a vendor's test system to trust."

  static override description = `The AUTH-RS checks that present tokens with exactly one thing wrong (expired, nbf in the future, wrong iss or
aud, unknown key, alg none, HS256 with the public key, DNP claims wrong) need a signer the target trusts. This
command serves the JWKS of konform's test issuer; configure the target's TEST environment to trust that issuer
(its iss, this JWKS, an audience), then run konform with --issuer-key, --issuer and --audience.
The key file is created (ES256, mode 0600) when it does not exist. Never configure a production system with it.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --key issuer.pem --port 8411',
    '<%= config.bin %> <%= command.id %> --key issuer.pem --host 0.0.0.0 --port 8411 --issuer https://konform-issuer.test.example',
  ]

  static override flags = {
    key: Flags.string({ description: "The issuer's private key (PEM or JWK); made if missing.", required: true, helpValue: 'FILE' }),
    port: Flags.integer({ description: 'TCP port (0 = any free port).', default: 0, min: 0, max: 65535 }),
    host: Flags.string({ description: 'Address to listen on (the JWKS is public; default loopback).', default: '127.0.0.1' }),
    issuer: Flags.string({ description: 'The iss to tell the target (default: this server\'s URL).', helpValue: 'ISS' }),
    'gnap-audience': Flags.string({ description: 'aud of the tokens the GNAP endpoint grants.', default: 'nutid' }),
  }

  async run() {
    const { flags } = await this.parse(AuthIssuer)
    const made = await ensureKey(flags.key)
    const issuer = TestIssuer.fromKey(await loadClientKey(flags.key))
    const server = await startIssuerServer(issuer, { host: flags.host, port: flags.port, iss: flags.issuer, audience: flags['gnap-audience'] }).catch((err: unknown) => {
      throw new KonformError(`cannot listen on ${flags.host}:${flags.port}: ${oneLine(err)}`)
    })
    const iss = flags.issuer ?? server.origin
    if (made) this.log(`Made a new ES256 key: ${flags.key}`)
    this.log(`Issuer (iss):   ${iss}`)
    this.log(`JWKS URL:       ${server.jwksUrl}`)
    this.log(`Key id (kid):   ${issuer.key.kid} (${issuer.key.alg})`)
    this.log(`GNAP endpoint:  ${server.origin}/transaction (DNP-shaped grants for testing a client; authenticates no one)`)
    this.log('')
    this.log(`Configure the target's test environment to trust iss ${iss} with the JWKS above and an audience, then:`)
    this.log(`  konform run --suite auth --target <API base URL> --issuer-key ${flags.key} --issuer ${iss} --audience <aud>`)
    this.log('For --profile skolverket-dnp the tokens carry organization_id SE2021004185 and requested_access')
    this.log('[{type: ss12000-api, locations: [<API base URL>]}], as Skolverket\'s do; the audience there is usually "nutid".')
    this.log('Press Ctrl-C to stop.')
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    })
    await server.close()
  }
}
