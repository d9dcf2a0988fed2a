// Types of the Waishi API v1 (docs/api.md is the contract).

export interface Bilingual { zh: string; en: string }

export interface OrgRef {
  id: number
  kind?: 'office' | 'district' | 'enterprise'
  name_zh: string
  name_en: string
  direct_report: boolean
}

export type Role =
  | 'citizen' | 'enterprise_user' | 'enterprise_admin' | 'reviewer'
  | 'officer' | 'approver' | 'auditor' | 'admin'

export interface User {
  id: number
  username: string
  display_name: string
  email?: string
  locale?: string
  roles: Role[]
  org: OrgRef | null
}

export interface ErrorDetail {
  field?: string
  rule?: string
  message: string
  message_zh: string
  severity?: 'blocking' | 'warning'
}

export interface Page<T> { items: T[]; total: number; page: number; page_size: number }

export interface UserRef { id: number; display_name: string }

export interface CaseSummary {
  id: number
  number: string
  type: string
  state: string
  org: OrgRef
  applicant: UserRef
  assigned_to: UserRef | null
  created_at: string
  updated_at: string
  submitted_at: string | null
  decided_at: string | null
  due_date: string | null
  overdue: boolean
  report_due_date?: string | null
  allowed_actions?: string[]
  purpose?: string
  countries?: string[]
  departure_date?: string
  return_date?: string
  members_count?: number
}

export interface Case extends CaseSummary {
  data: Record<string, unknown>
  allowed_actions: string[]
}

export interface ViolationRef { field?: string; message: string; message_zh: string }

export interface Check {
  rule: string
  label: Bilingual | string
  severity: 'blocking' | 'warning'
  status: 'passed' | 'failed'
  violations: ViolationRef[]
}

export interface HistoryItem {
  id: number
  at: string
  user: UserRef | null
  kind: 'created' | 'edited' | 'transition' | 'comment' | 'assigned' | 'attachment'
  action?: string | null
  from_state?: string | null
  to_state?: string | null
  comment?: string | null
  detail?: unknown
}

export interface Attachment {
  id: number
  filename: string
  content_type: string
  size: number
  uploaded_at: string
  uploaded_by: UserRef | string | number | null
}

// ---- case-type definition ----
export type FieldType = 'text' | 'date' | 'number' | 'boolean' | 'enum' | 'country' | 'object' | 'list'

export interface FieldDef {
  name: string
  type: FieldType
  label: Bilingual
  required?: boolean
  multiline?: boolean
  min_length?: number
  max_length?: number
  min?: number
  max?: number
  format?: string
  default?: unknown
  derive?: string
  options?: { value: string; label: Bilingual }[]
  fields?: FieldDef[]
  item?: { label: Bilingual; fields: FieldDef[] }
  min_items?: number
  max_items?: number
}

export interface StateDef { name: string; color: string; label: Bilingual; terminal?: boolean }

export interface TransitionDef {
  action: string
  from: string[]
  to: string | string[]
  roles: Role[]
  scope?: string
  rules?: string[]
  comment_required?: boolean
  /** the data fields this transition writes, and only it */
  writes?: string[]
  label: Bilingual
}

export interface CaseTypeDef {
  type: string
  label: Bilingual
  description?: Bilingual
  fields: FieldDef[]
  states: StateDef[]
  editable_states?: string[]
  transitions: TransitionDef[]
  rules?: { id: string; label: Bilingual | string; severity: string }[]
  policy?: Record<string, unknown>
  owner: { kind: 'user' | 'organization'; org_kinds?: string[]; roles: Role[]; private_states?: string[] }
  desk: string
}

export interface Country { code: string; name_zh: string; name_en: string; continent: string }
