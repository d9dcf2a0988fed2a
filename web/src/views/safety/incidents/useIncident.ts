// An incident's page state: the incident, its figures as the live view last said them, the
// three lists of people (a page each), the timeline, and the sentence announcing the last
// change. The live view (Server-Sent Events) is followed while the incident is open and the
// page is shown: each event brings the figures, refreshes the lists it puts out of date and the
// timeline; `closed` ends it. `stop()` closes the stream (the page calls it when it goes).
import { reactive, ref } from 'vue'
import {
  followIncident, getIncident, incidentTimeline, listRollCall,
  type Incident, type RollCallCounts, type RollCallPerson, type RollCallStatus, type TimelineItem,
} from '@/api/safety'
import { ApiError } from '@/api/request'
import { LIVE_EVENTS, STATUSES, changed, readEvent, staleLists, type Figure, type LiveEvent } from './incident'

export const PAGE_SIZE = 10

interface PeopleList { items: RollCallPerson[]; total: number; page: number; loading: boolean }

export function useIncident(id: number, announce: (figures: Figure[], counts: RollCallCounts, e: LiveEvent) => string) {
  const incident = ref<Incident | null>(null)
  const counts = ref<RollCallCounts | null>(null)
  const timeline = ref<TimelineItem[]>([])
  const empty = (): PeopleList => ({ items: [], total: 0, page: 1, loading: false })
  const lists = reactive<Record<RollCallStatus, PeopleList>>({ unanswered: empty(), need_help: empty(), safe: empty() })
  /** Names of the people seen in the lists, for the timeline. */
  const names = reactive(new Map<number, string>())
  const said = ref('')
  const failed = ref<ApiError | null>(null)
  const live = ref(false)
  let stream: EventSource | null = null

  async function loadList(status: RollCallStatus) {
    const l = lists[status]
    l.loading = true
    try {
      const r = await listRollCall(id, status, l.page, PAGE_SIZE)
      l.items = r.items
      l.total = r.total
      for (const p of r.items) names.set(p.person_id, p.name)
    } finally {
      l.loading = false
    }
  }
  async function loadTimeline() {
    timeline.value = (await incidentTimeline(id)).items
  }
  async function loadIncident() {
    const i = await getIncident(id)
    incident.value = i
    counts.value = i.roll_call
  }

  async function load() {
    try {
      await loadIncident()
    } catch (e) {
      if (e instanceof ApiError) { failed.value = e; return }
      throw e
    }
    await Promise.all([...STATUSES.map(loadList), loadTimeline()])
    if (incident.value?.state === 'open') follow()
  }

  function hear(e: LiveEvent) {
    if (e.roll_call) {
      const which = changed(counts.value, e.roll_call)
      counts.value = e.roll_call
      if (incident.value) incident.value.roll_call = e.roll_call
      if (which.length && e.name !== 'counts') said.value = announce(which, e.roll_call, e)
    }
    for (const s of staleLists(e)) void loadList(s)
    if (e.name !== 'counts') void loadTimeline()
    if (e.name === 'closed') { stop(); void loadIncident() }
  }

  function follow() {
    if (stream || typeof EventSource === 'undefined') return
    stream = followIncident(id)
    stream.onopen = () => { live.value = true }
    stream.onerror = () => { live.value = false }
    for (const name of LIVE_EVENTS) {
      stream.addEventListener(name, (m) => {
        const e = readEvent(name, (m as MessageEvent<string>).data)
        if (e) hear(e)
      })
    }
  }

  function stop() {
    stream?.close()
    stream = null
    live.value = false
  }

  /** Turns a list to another page. */
  async function turnTo(status: RollCallStatus, page: number) {
    lists[status].page = page
    await loadList(status)
  }

  /** After an action of this page: the incident, the lists and the timeline as the server has them. */
  async function refresh() {
    await Promise.all([loadIncident(), ...STATUSES.map(loadList), loadTimeline()])
    if (incident.value?.state !== 'open') stop()
  }

  return { incident, counts, timeline, lists, names, said, failed, live, load, stop, turnTo, refresh }
}
