// The visa screens build some catalogue keys from the API's values (a batch's state, a result,
// the entries of a visa, a member a change touched): each exists in both languages.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BATCH_STATES, ENTRIES } from '@/api/visa'
import { DESTINATION_MEMBERS, KIND_MEMBERS } from './catalog/catalog'

const keys = [
  ...ENTRIES.map((e) => `entries.${e}`),
  ...BATCH_STATES.map((s) => `batchState.${s}`),
  ...['issued', 'refused'].map((r) => `result.${r}`),
  ...[...DESTINATION_MEMBERS, ...KIND_MEMBERS].map((m) => `history.member.${m}`),
]

describe('the visa catalogue', () => {
  for (const lang of ['zh-CN', 'en-US']) {
    it(`has the keys built from values in ${lang}`, () => {
      const cat = JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', lang, 'visa.json'), 'utf8'))
      const missing = keys.filter((k) => typeof k.split('.').reduce((o: any, p) => o?.[p], cat) !== 'string')
      expect(missing).toEqual([])
    })
  }
})
