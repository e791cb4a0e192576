import { Args, Command } from '@oclif/core'
import { EXIT, KonformError } from '../../errors.js'
import { NotAReportFolder, SUMS_FILE, verifyReports, type FileCheck } from '../../report/integrity.js'

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

export default class ReportVerify extends Command {
  static override summary = `Check that the reports in a folder are unchanged: recompute their SHA-256 and compare with ${SUMS_FILE}.`

  static override description = `konform run (and konform report render) write ${SUMS_FILE} beside results.json, junit.xml and report.html in the format of sha256sum, so \`sha256sum -c ${SUMS_FILE}\` checks a folder as well.
verify also reports a report file the manifest does not list, and prints the SHA-256 of ${SUMS_FILE} itself: compare it with a digest recorded elsewhere (for example in the tender documents), since whoever can change a report can rewrite ${SUMS_FILE} too.
Exit codes: 0 every file matches, 1 a file was changed, is missing or is not listed, 2 DIR is not a report folder.`

  static override examples = [
    { description: 'Check a report folder received from a vendor', command: '<%= config.bin %> <%= command.id %> reports/2025-03-04T09-00-00-000Z' },
    { description: 'The same with coreutils', command: `cd reports/2025-03-04T09-00-00-000Z && sha256sum -c ${SUMS_FILE}` },
  ]

  static override enableJsonFlag = true

  static override args = {
    dir: Args.string({ description: 'a folder written by konform run', required: true }),
  }

  async run() {
    const { args } = await this.parse(ReportVerify)
    const result = await verifyReports(args.dir).catch((err: unknown) => {
      if (err instanceof NotAReportFolder) throw new KonformError(err.message)
      throw err
    })
    if (!result.ok) process.exitCode = EXIT.CHECK_FAILED
    if (!this.jsonEnabled()) {
      for (const f of result.files) this.log(line(f))
      this.log(`${SUMS_FILE} sha256 ${result.manifestSha256}`)
      this.log(result.ok ? 'all files match' : 'the folder was changed after konform wrote it')
    }
    return result
  }
}
