import { Command, Flags } from '@oclif/core'
import { writeFile } from 'node:fs/promises'
import { KonformError, oneLine } from '../../errors.js'
import { generateKeys, type SignAlg } from '../../report/sign.js'

export default class ReportKeygen extends Command {
  static override summary = 'Make a key pair for konform report sign: PREFIX.key (private, mode 0600) and PREFIX.pub (public).'

  static override description = `Ed25519 (EdDSA) by default, or P-256 (ES256) with --alg ES256. Both files are PEM (PKCS#8 and SPKI), the same as
  openssl genpkey -algorithm ed25519 -out PREFIX.key && openssl pkey -in PREFIX.key -pubout -out PREFIX.pub
Keep the private key to yourself; hand the public key to whoever verifies (konform report verify DIR --pubkey PREFIX.pub).
Existing files are never overwritten. Exit codes: 0 written, 2 a file exists or cannot be written.`

  static override examples = [{ description: 'A signing key for the test lab', command: '<%= config.bin %> <%= command.id %> --out lab-signer' }]

  static override flags = {
    out: Flags.string({ char: 'o', description: 'Path prefix of the two files.', required: true, helpValue: 'PREFIX' }),
    alg: Flags.string({ description: 'Signature algorithm.', options: ['EdDSA', 'ES256'], default: 'EdDSA' }),
  }

  async run() {
    const { flags } = await this.parse(ReportKeygen)
    const { privatePem, publicPem } = generateKeys(flags.alg as SignAlg)
    const write = (file: string, text: string, mode: number) =>
      writeFile(file, text, { mode, flag: 'wx' }).catch((err: unknown) => {
        throw new KonformError(`cannot write ${file}: ${oneLine(err)}`)
      })
    await write(`${flags.out}.key`, privatePem, 0o600)
    await write(`${flags.out}.pub`, publicPem, 0o644)
    this.log(`${flags.out}.key`)
    this.log(`${flags.out}.pub`)
  }
}
