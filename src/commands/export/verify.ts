import { Args, Command } from '@oclif/core'
import { EXIT, KonformError } from '../../errors.js'
import { NotABagError, verifyBag } from '../../export/verify.js'

export default class ExportVerify extends Command {
  static override summary = 'Check an export bag offline: BagIt manifests, hashes, Payload-Oxum and record counts.'

  static override description = `Checks a bag written by konform export harvest without contacting any system: bagit.txt, every sha256 in
manifest-sha256.txt and tagmanifest-sha256.txt, no payload file missing or extra, Payload-Oxum, and that the
counts in manifest.json equal the lines of each NDJSON file and every line is a JSON record with an id.
Prints each problem on its own line.
Exit codes: 0 the bag is valid, 1 it has problems, 2 the folder is not a bag (or usage error).`

  static override examples = [
    { description: 'Check a bag', command: '<%= config.bin %> <%= command.id %> export-2026-05' },
  ]

  static override enableJsonFlag = true

  static override args = {
    dir: Args.string({ description: 'The bag folder.', required: true }),
  }

  async run() {
    const { args } = await this.parse(ExportVerify)
    let problems: string[]
    try {
      problems = await verifyBag(args.dir)
    } catch (err) {
      if (err instanceof NotABagError) throw new KonformError(err.message, 2)
      throw err
    }
    if (problems.length) process.exitCode = EXIT.CHECK_FAILED
    if (!this.jsonEnabled()) {
      for (const p of problems) this.log(p)
      this.log(problems.length ? `${args.dir}: ${problems.length} problem${problems.length === 1 ? '' : 's'}` : `${args.dir}: valid bag`)
    }
    return { dir: args.dir, valid: problems.length === 0, problems }
  }
}
