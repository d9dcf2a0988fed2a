// Kinds of documents the public verification page knows (GET /api/v1/verify/{kind}): a module
// that issues documents registers its kind's title and the catalogue prefix of its register
// fields, so the core page names them in the reader's language without knowing the module.
export interface VerifyKind {
  /** Catalogue key of the kind's name, e.g. 'invitation.verify.kind'. */
  title: string
  /** Catalogue prefix of the register fields' labels: `${fields}.${key}`. */
  fields: string
  /** Catalogue prefix of coded values' names: `${values}.${key}.${value}` (when present). */
  values?: string
}

const kinds = new Map<string, VerifyKind>()

export function registerVerifyKind(kind: string, info: VerifyKind): void {
  kinds.set(kind, info)
}

export function verifyKind(kind: string): VerifyKind | undefined {
  return kinds.get(kind)
}
