// Types of the Waishi API v1: aliases onto schema.d.ts, which openapi-typescript generates from
// the server's OpenAPI document (scripts/check-openapi.sh --update regenerates it). Only the
// members a module adds to its case summaries are written here by hand.
import type { components } from './schema'

type Schemas = components['schemas']

export type Bilingual = Schemas['Bilingual']
export type User = Schemas['User']
export type Role = User['roles'][number]
export type OrgRef = User['org']
export type Account = Schemas['Account']
export type OwnSession = Schemas['OwnSession']
export type Organization = Schemas['Organization']
// The server's details always name field and rule; the UI also shows messages of its own
// (a violation of a rule, a local check) through the same type, hence both optional here.
export type ErrorDetail = Omit<Schemas['ErrorDetail'], 'field' | 'rule'> &
  Partial<Pick<Schemas['ErrorDetail'], 'field' | 'rule'>>
export type ApiErrorBody = Schemas['Error']

export interface Page<T> { items: T[]; total: number; total_capped?: boolean; page: number; page_size: number }

export type UserRef = Schemas['UserRef']
// A place of the gazetteer (GET /places): its GeoNames id, names, coordinates.
export type Place = Schemas['Place']

// What the travel module adds to every case it decorates (green channel, post-trip report).
export interface TravelCaseMembers {
  direct_report?: boolean
  report_due_date?: string | null
  reported_at?: string | null
  report_late?: boolean
}

// What the travel module adds to a case in lists (its summary hook).
export interface TravelSummary extends TravelCaseMembers {
  purpose?: string
  countries?: string[]
  departure_date?: string
  return_date?: string
  members_count?: number
}

export type CaseSummary = Schemas['CaseSummary'] & TravelSummary
export type Case = Schemas['Case'] & TravelCaseMembers
export type ViolationRef = Schemas['Violation']
export type Check = Schemas['Check']
export type HistoryItem = Schemas['HistoryItem']
export type Attachment = Schemas['Attachment']
export type Country = Schemas['Country']
export type CalendarDay = Schemas['CalendarDay']
export type AuditEntry = Schemas['AuditEntry']
export type Eligibility = Schemas['Eligibility']

// ---- case-type definition (src/<module>/<type>.json as GET /case-types/{type} serves it) ----
export type CaseTypeDef = Schemas['CaseType']
export type FieldDef = Schemas['FieldDef']
export type FieldType = FieldDef['type']
export type StateDef = Schemas['StateDef']
export type TransitionDef = Schemas['TransitionDef']
export type CaseTypeUi = Schemas['CaseTypeUi']
export type ListColumn = Schemas['ListColumn']
export type LiveFigure = Schemas['LiveFigure']
export type SubrecordDef = Schemas['SubrecordDef']
export type Subrecord = Schemas['Subrecord']
