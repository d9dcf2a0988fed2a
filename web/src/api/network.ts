// The sister-city network's API: the registry of partner cities — listed by continent, country,
// tier and status, read one by one, added by the office's staff (a city already there by country
// and English name answers 409 naming name_en) or imported from the office's spreadsheet —, the
// cooperation projects and the exchanges with each city (listed by city, latest first; added by
// the staff, a 422 naming each bad field), each project's documents (PDFs added one by one), the agreements signed with them (their state today,
// their renewal's deadline, the signed copy a PDF uploaded after; edited, a renewal a later
// expiry), the contacts in each city (personal data: every read is audited by the server; edited,
// deleted), each city's one-page profile (PDF) and the network's figures. The office's staff and
// the auditor read; officers and approvers add, edit and import; anyone else is refused (403).
import { request, uploadRaw } from './request'
import type { components, operations } from './schema'
import type { Page } from './types'

export type NetworkCity = components['schemas']['NetworkCity']
export type Tier = NetworkCity['tier']
export type CityStatus = NetworkCity['status']
export type Continent = NetworkCity['continent']
export type NewCity = operations['createPartnerCity']['requestBody']['content']['application/json']
export type NetworkStats = operations['networkStats']['responses'][200]['content']['application/json']
export type CityQuery = NonNullable<operations['listPartnerCities']['parameters']['query']>
export type ImportBody = operations['importPartnerCities']['requestBody']['content']['application/json']
export type ImportResult = operations['importPartnerCities']['responses'][200]['content']['application/json']

export type NetworkProject = components['schemas']['NetworkProject']
export type CooperationField = NetworkProject['field']
export type Direction = NetworkProject['direction']
export type ProjectStatus = NetworkProject['status']
/** An amount in the currency's minor unit (fen for CNY, whole yen for JPY). */
export type Money = NonNullable<NetworkProject['amount']>
export type Currency = Money['currency']
export type NewProject = operations['createNetworkProject']['requestBody']['content']['application/json']
export type ProjectQuery = NonNullable<operations['listNetworkProjects']['parameters']['query']>

export type ProjectDocument = components['schemas']['NetworkProjectDocument']

export type NetworkExchange = components['schemas']['NetworkExchange']
export type ExchangeKind = NetworkExchange['kind']
export type NewExchange = operations['createNetworkExchange']['requestBody']['content']['application/json']
export type ExchangeQuery = NonNullable<operations['listNetworkExchanges']['parameters']['query']>

export type NetworkAgreement = components['schemas']['NetworkAgreement']
export type AgreementState = NetworkAgreement['state']
export type NewAgreement = operations['createNetworkAgreement']['requestBody']['content']['application/json']
export type AgreementQuery = NonNullable<operations['listNetworkAgreements']['parameters']['query']>
/** A new agreement's fields but its city (an agreement stays with its city). */
export type AgreementEdit = operations['editNetworkAgreement']['requestBody']['content']['application/json']

export type NetworkContact = components['schemas']['NetworkContact']
export type NewContact = operations['createNetworkContact']['requestBody']['content']['application/json']
/** A new contact's fields but their city (a contact stays with their city). */
export type ContactEdit = operations['editNetworkContact']['requestBody']['content']['application/json']

/** The server's largest page (core/http/params.h). */
export const MAX_PAGE_SIZE = 100

/** Every item of a list, read page by page at the largest page size. */
async function allPages<T>(read: (page: number, page_size: number) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = []
  for (let page = 1; ; page++) {
    const r = await read(page, MAX_PAGE_SIZE)
    out.push(...r.items)
    if (r.items.length === 0 || out.length >= r.total) return out
  }
}

// ---- the registry of partner cities ----

/**
 * The list's filters are exact matches, `established_year` the cities established that year
 * (1900–2100, else 400 invalid_query); an empty one is left out. The same filters export the
 * list as an xlsx file (GET /network/cities/export, ExportButton).
 */
export const listCities = (query: CityQuery) =>
  request<Page<NetworkCity>>('/network/cities', { query: { ...query }, silent: true })

/** Every city of the registry (all pages, in the order established), for the network's map. */
export const listAllCities = () => allPages((page, page_size) => listCities({ page, page_size }))

export const getCity = (id: number) => request<NetworkCity>(`/network/cities/${id}`, { silent: true })

/** Errors are the caller's: a 422 names each bad field, a 409 (network.duplicate) names name_en. */
export const createCity = (body: NewCity) =>
  request<NetworkCity>('/network/cities', { method: 'POST', body, silent: true })

/**
 * Imports the cities of a CSV text (a spreadsheet's sheet, its columns mapped): a dry run says
 * what would be added and merged. Errors are the caller's: a 422 names each bad row and column
 * (nothing written); without merge, cities already in the registry refuse the file (409,
 * network.import.duplicates, a detail each).
 */
export const importCities = (body: ImportBody) =>
  request<ImportResult>('/network/cities/import', { method: 'POST', body, silent: true })

/** The city's one-page profile for a meeting (PDF, both languages), as a link's address. */
export const profileUrl = (id: number) => `/api/v1/network/cities/${id}/profile.pdf`

// ---- cooperation projects ----

/**
 * Latest started first (those not started yet last); the filters are exact matches. The same
 * filters export the list as an xlsx file (GET /network/projects/export, ExportButton).
 */
export const listProjects = (query: ProjectQuery) =>
  request<Page<NetworkProject>>('/network/projects', { query: { ...query }, silent: true })

/** Every project with a partner city (all pages). */
export const listCityProjects = (cityId: number) =>
  allPages((page, page_size) => listProjects({ city_id: String(cityId), page, page_size }))

export const getProject = (id: number) => request<NetworkProject>(`/network/projects/${id}`, { silent: true })

/** Errors are the caller's: a 422 names each bad field (city_id when the city is unknown). */
export const createProject = (body: NewProject) =>
  request<NetworkProject>('/network/projects', { method: 'POST', body, silent: true })

/** A project's documents (PDFs), in the order added. */
export const listProjectDocuments = (projectId: number) =>
  request<{ items: ProjectDocument[] }>(`/network/projects/${projectId}/documents`, { silent: true }).then((r) => r.items)

/** Adds a document (a PDF, kept beside the others). Errors are the caller's: 415 (not a PDF, unsupported_file), 413 over 10 MB. */
export const uploadProjectDocument = (projectId: number, file: File, onProgress: (pct: number) => void = () => undefined) =>
  uploadRaw<ProjectDocument>(`/network/projects/${projectId}/documents?filename=${encodeURIComponent(file.name)}`, file, onProgress)

/** One of a project's documents (PDF), as a link's address. */
export const projectDocumentUrl = (projectId: number, docId: number) => `/api/v1/network/projects/${projectId}/documents/${docId}`

// ---- exchanges: delegations received and sent, training programmes ----

/**
 * Latest first; the filters are exact matches, `year` the exchanges begun that year (1900–2100,
 * else 400 invalid_query). The same filters export the list as an xlsx file
 * (GET /network/exchanges/export, ExportButton).
 */
export const listExchanges = (query: ExchangeQuery) =>
  request<Page<NetworkExchange>>('/network/exchanges', { query: { ...query }, silent: true })

/** Every exchange with a partner city (all pages). */
export const listCityExchanges = (cityId: number) =>
  allPages((page, page_size) => listExchanges({ city_id: String(cityId), page, page_size }))

export const getExchange = (id: number) => request<NetworkExchange>(`/network/exchanges/${id}`, { silent: true })

/** Errors are the caller's: a 422 names each bad field (city_id when the city is unknown). */
export const createExchange = (body: NewExchange) =>
  request<NetworkExchange>('/network/exchanges', { method: 'POST', body, silent: true })

// ---- agreements: signed on a day, for a term or open-ended; the signed copy a PDF ----

/** Those expiring first first, the open-ended last; `due: 'true'` keeps those whose renewal has come due and that have not expired. */
export const listAgreements = (query: AgreementQuery) =>
  request<Page<NetworkAgreement>>('/network/agreements', { query: { ...query }, silent: true })

/** Every agreement with a partner city (all pages). */
export const listCityAgreements = (cityId: number) =>
  allPages((page, page_size) => listAgreements({ city_id: String(cityId), page, page_size }))

/** Errors are the caller's: a 422 names each bad field (signed_on in the future, expires_on not after it…). */
export const createAgreement = (body: NewAgreement) =>
  request<NetworkAgreement>('/network/agreements', { method: 'POST', body, silent: true })

/**
 * The agreement's titles, dates and notice, replaced whole: `expires_on` left out makes it
 * open-ended, `renewal_notice_days` left out 180. A later expiry (a renewal) moves the renewal's
 * deadline and re-arms its reminder; a correction keeping the dates keeps the reminder sent. Never
 * its city nor its copy. Errors are the caller's: a 422 names each bad field, 404.
 */
export const editAgreement = (id: number, body: AgreementEdit) =>
  request<NetworkAgreement>(`/network/agreements/${id}`, { method: 'PUT', body, silent: true })

/** The signed copy, replacing any before it. Errors are the caller's: 415 (not a PDF) names `file`, 413 over 10 MB. */
export const uploadAgreementFile = (id: number, file: File, onProgress: (pct: number) => void = () => undefined) =>
  uploadRaw<NetworkAgreement>(`/network/agreements/${id}/file?filename=${encodeURIComponent(file.name)}`, file, onProgress, 'PUT')

/** The signed copy (PDF), as a link's address. */
export const agreementFileUrl = (id: number) => `/api/v1/network/agreements/${id}/file`

// ---- contacts in the partner cities (personal data: each read audited) ----

/** By the city's English name, then the person's. */
export const listContacts = (query: NonNullable<operations['listNetworkContacts']['parameters']['query']>) =>
  request<Page<NetworkContact>>('/network/contacts', { query: { ...query }, silent: true })

/** Every contact in a partner city (all pages). */
export const listCityContacts = (cityId: number) =>
  allPages((page, page_size) => listContacts({ city_id: String(cityId), page, page_size }))

/** Errors are the caller's: a 422 names each bad field (an e-mail, a phone number, a language code). */
export const createContact = (body: NewContact) =>
  request<NetworkContact>('/network/contacts', { method: 'POST', body, silent: true })

/** Who the contact is and how to reach them, replaced whole: the fields left out become empty. Errors are the caller's: a 422 names each bad field, 404. */
export const editContact = (id: number, body: ContactEdit) =>
  request<NetworkContact>(`/network/contacts/${id}`, { method: 'PUT', body, silent: true })

/** One who has left office: their data is not kept. */
export const deleteContact = (id: number) =>
  request<void>(`/network/contacts/${id}`, { method: 'DELETE', silent: true })

export const networkStats = () => request<NetworkStats>('/network/stats', { silent: true })
