import { Args, Command, Flags } from '@oclif/core'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { KonformError, oneLine } from '../../errors.js'
import { readResultsFile } from '../../report/index.js'
import { NotAReportFolder, SUMS_FILE, verifyReports } from '../../report/integrity.js'
import { manifestOf, readPrivateKey, signManifest, SIGNATURE_FILE } from '../../report/sign.js'

export default class ReportSign extends Command {
  static override summary = `Sign a report folder: a detached JWS (Ed25519 or ES256) over the canonical JSON of its manifest, written to ${SIGNATURE_FILE}.`

  static override description = `The manifest is the SHA-256 of ${SUMS_FILE} and of every file it lists (results.json, junit.xml, report.html), as RFC 8785 canonical JSON; the signature is a JWS with a detached payload (RFC 7515 Appendix F) that carries the public key and its thumbprint in its header.
The folder must verify first, and a report made with --evidence full (not evidence) is refused.
Make a key pair with \`konform report keygen\`, or with openssl: openssl genpkey -algorithm ed25519 -out signer.key && openssl pkey -in signer.key -pubout -out signer.pub
Exit codes: 0 signed, 1 the folder does not verify, 2 usage (no such folder, unreadable or unsupported key, not evidence).`

  static override examples = [
    { description: 'Sign a report before attaching it to a tender', command: '<%= config.bin %> <%= command.id %> reports/2025-03-04T09-00-00-000Z --key signer.key' },
  ]

  static override args = {
    dir: Args.string({ description: 'a folder written by konform run', required: true }),
  }

  static override flags = {
    key: Flags.string({ description: 'PEM private key (Ed25519 or P-256, unencrypted PKCS#8).', required: true, helpValue: 'FILE' }),
  }

  async run() {
    const { args, flags } = await this.parse(ReportSign)
    const key = await readPrivateKey(flags.key)
    const check = await verifyReports(args.dir).catch((err: unknown) => {
      if (err instanceof NotAReportFolder) throw new KonformError(err.message)
      throw err
    })
    if (!check.ok) {
      const bad = check.files.filter((f) => f.status !== 'ok').map((f) => `${f.file} ${f.status}`)
      this.logToStderr(`konform: the folder does not match its ${SUMS_FILE} (${bad.join(', ')}); not signed`)
      process.exitCode = 1
      return
    }
    const run = await readResultsFile(path.join(args.dir, 'results.json'))
    if (run.evidenceMode === 'full') {
      throw new KonformError('this report was made with --evidence full: it holds unredacted personal data and is NOT evidence, so it is not signed')
    }
    const jws = await signManifest(await manifestOf(args.dir), key)
    const file = path.join(args.dir, SIGNATURE_FILE)
    await writeFile(file, `${jws}\n`).catch((err: unknown) => {
      throw new KonformError(`cannot write ${file}: ${oneLine(err)}`)
    })
    this.log(file)
  }
}
