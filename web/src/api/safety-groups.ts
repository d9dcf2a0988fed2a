// Travel agencies' tour groups (overseas safety, issue 11): an agency registers a group and
// uploads its list — members, the tour leader, the legs — as CSV text (an xlsx sheet is turned
// into the same text in the browser). The agency sees its own groups; the consular desk and the
// auditor read every agency's. A list with errors answers 422 naming each by row and column and
// imports nothing, unless sent again with import_good_rows. Errors are the callers' to show.
import { request } from './request'
import type { components, operations } from './schema'

export type TourGroup = components['schemas']['SafetyGroup']
export type NewTourGroup = operations['createTourGroup']['requestBody']['content']['application/json']
export type TourGroupDetail = operations['getTourGroup']['responses'][200]['content']['application/json']
export type TourMember = TourGroupDetail['members'][number]
export type TourLeg = TourMember['legs'][number]
export type ListUpload = operations['uploadTourGroupList']['requestBody']['content']['application/json']
export type ListTaken = operations['uploadTourGroupList']['responses'][200]['content']['application/json']
/** An error of a list: its row in the sheet (the header is row 1) and column, as a 422's details and `skipped` name them. */
export type ListError = ListTaken['skipped'][number]

export const listTourGroups = () => request<{ items: TourGroup[] }>('/safety/groups', { silent: true })
/** A 409 (`safety.group_code_taken`) or a 422 naming `code` or `title` is the caller's to show beside the field. */
export const createTourGroup = (body: NewTourGroup) =>
  request<TourGroup>('/safety/groups', { method: 'POST', body, silent: true })
export const getTourGroup = (id: number) => request<TourGroupDetail>(`/safety/groups/${id}`, { silent: true })
/** A 422 (`validation_failed`) names the list's errors in its details (field `csv`, with row and column). */
export const uploadTourGroupList = (id: number, body: ListUpload) =>
  request<ListTaken>(`/safety/groups/${id}/list`, { method: 'POST', body, silent: true })
