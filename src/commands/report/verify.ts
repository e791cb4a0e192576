import { Args, Command, Flags } from '@oclif/core'
import type { KeyObject } from 'node:crypto'
import { EXIT, KonformError } from '../../errors.js'
import { NotAReportFolder, SUMS_FILE, verifyReports, type FileCheck } from '../../report/integrity.js'
import { readPublicKey, SIGNATURE_FILE, verifySignature, type SignatureCheck } from '../../report/sign.js'

function line(f: FileCheck): string {
  switch (f.status) {
    case 'ok':
      return `OK        ${f.file}`
    case 'mismatch':
      return `MISMATCH  ${f.file}: sha256 ${f.actual}, ${SUMS_FILE} says ${f.expected}`
    case 'missing':
      return `MISSING   ${f.file}`
    case 'unlisted':
      return `UNLISTED  ${f.file}: not in ${SUMS_FILE}`
  }
}

function signatureLine(s: SignatureCheck, pinned: boolean): string {
  switch (s.status) {
    case 'ok':
      return s.signerChecked
        ? `OK        ${SIGNATURE_FILE}: ${s.alg}, signed by the key given with --pubkey (thumbprint ${s.thumbprint})`
        : `OK        ${SIGNATURE_FILE}: ${s.alg}, key thumbprint ${s.thumbprint} (signer not checked: give --pubkey)`
    case 'invalid':
      return `INVALID   ${SIGNATURE_FILE}: ${s.reason}`
    case 'missing':
      return pinned ? `MISSING   ${SIGNATURE_FILE}: --pubkey was given but the folder is not signed` : `unsigned  (no ${SIGNATURE_FILE})`
  }
}

export default class ReportVerify extends Command {
  static override summary = `Check that the reports in a folder are unchanged: recompute their SHA-256, compare with ${SUMS_FILE}, and check ${SIGNATURE_FILE} when there is one.`

  static override description = `konform run (and konform report render) write ${SUMS_FILE} beside results.json, junit.xml and report.html in the format of sha256sum, so \`sha256sum -c ${SUMS_FILE}\` checks a folder as well.
verify also reports a report file the manifest does not list, and prints the SHA-256 of ${SUMS_FILE} itself.
A folder signed with \`konform report sign\` holds ${SIGNATURE_FILE}; verify checks it against the folder as it is. Only --pubkey proves who signed: with it, the signature must be there and made with that key.
Exit codes: 0 every file matches (and the signature, if any or if --pubkey is given), 1 a file was changed, is missing or is not listed, or the signature is invalid or missing, 2 DIR is not a report folder or the key is unreadable.`

  static override examples = [
    { description: 'Check a report folder received from a vendor', command: '<%= config.bin %> <%= command.id %> reports/2025-03-04T09-00-00-000Z' },
    { description: "Check it was signed by the lab's key", command: '<%= config.bin %> <%= command.id %> reports/2025-03-04T09-00-00-000Z --pubkey lab-signer.pub' },
    { description: 'The hashes alone, with coreutils', command: `cd reports/2025-03-04T09-00-00-000Z && sha256sum -c ${SUMS_FILE}` },
  ]

  static override enableJsonFlag = true

  static override args = {
    dir: Args.string({ description: 'a folder written by konform run', required: true }),
  }

  static override flags = {
    pubkey: Flags.string({ description: 'PEM public key (or the signer certificate key) the folder must be signed with.', helpValue: 'FILE' }),
  }

  async run() {
    const { args, flags } = await this.parse(ReportVerify)
    const pubkey: KeyObject | undefined = flags.pubkey ? await readPublicKey(flags.pubkey) : undefined
    const result = await verifyReports(args.dir).catch((err: unknown) => {
      if (err instanceof NotAReportFolder && !/line \d+|lists .* twice|is empty/.test(err.message)) throw new KonformError(err.message)
      // A SHA256SUMS that is there but damaged is a changed folder (exit 1), not a usage error.
      if (err instanceof NotAReportFolder) return { dir: args.dir, manifestSha256: '', files: [], ok: false, damaged: err.message }
      throw err
    })
    const signature = await verifySignature(args.dir, pubkey)
    const signatureOk = signature.status === 'ok' || (signature.status === 'missing' && !pubkey)
    const ok = result.ok && signatureOk
    if (!ok) process.exitCode = EXIT.CHECK_FAILED
    if (!this.jsonEnabled()) {
      if ('damaged' in result) this.log(`DAMAGED   ${SUMS_FILE}: ${result.damaged}`)
      for (const f of result.files) this.log(line(f))
      this.log(signatureLine(signature, !!pubkey))
      if (result.manifestSha256) this.log(`${SUMS_FILE} sha256 ${result.manifestSha256}`)
      this.log(ok ? (signature.status === 'ok' ? 'all files match and the signature is valid' : 'all files match') : 'the folder was changed after konform wrote or signed it')
    }
    return { ...result, ok, signature }
  }
}
