import VerifyExport from '../verify-export.js'

/** konform export verify: the same as konform verify-export. */
export default class ExportVerify extends VerifyExport {
  static override summary = 'Check an export archive offline (the same as konform verify-export).'
  // oclif's parse() reads a command's own static members only: repeat the inherited ones.
  static override description = VerifyExport.description
  static override examples = VerifyExport.examples
  static override enableJsonFlag = true
  static override args = VerifyExport.args
  static override flags = VerifyExport.flags
}
