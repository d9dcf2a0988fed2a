import { describe, expect, it } from 'vitest'
import type { Country } from '@/api/types'
import en from '@/locales/en-US/network.json'
import zh from '@/locales/zh-CN/network.json'
import {
  COLUMNS, buildCsv, catalogueWords, columnLetter, dayOf, degreesOf, emptyMapping, fold, headerIndex, lookup, matchHeaders, shared,
  unmapped, valueOf, wordsOf, type Mapping,
} from './mapping'

/** The words of both catalogues, as the page reads them. */
const message = (cat: unknown, key: string) => key.replace(/^network\./, '').split('.').reduce((o: any, k) => o?.[k], cat) as string
const words = catalogueWords((key) => [message(zh, key), message(en, key)])
const COUNTRIES: Country[] = [
  { code: 'DE', alpha3: 'DEU', name_zh: '德国', name_en: 'Germany', continent: 'EU' },
  { code: 'GB', alpha3: 'GBR', name_zh: '英国', name_en: 'United Kingdom', continent: 'EU' },
  { code: 'ZA', alpha3: 'ZAF', name_zh: '南非', name_en: 'South Africa', continent: 'AF' },
]
const values = lookup(words, COUNTRIES)
/** A mapping of the columns named, by the sheet's index. */
const mapped = (m: Partial<Mapping>): Mapping => ({ ...emptyMapping(), ...m })

describe('the catalogues\' words', () => {
  it('splits a list at semicolons, full-width ones too', () => {
    expect(wordsOf('中文名；中文名称 ; 城市')).toEqual(['中文名', '中文名称', '城市'])
    expect(wordsOf('latitude; lat;')).toEqual(['latitude', 'lat'])
  })

  it('names no header for two columns, nor a word for two tiers', () => {
    const seen = new Map<string, string>()
    for (const c of COLUMNS) for (const w of new Set([c, ...words.headers[c]].map(fold))) {
      expect(seen.get(w) ?? c, `${w}: ${seen.get(w)} and ${c}`).toBe(c)
      seen.set(w, c)
    }
    const tiers = new Map<string, string>()
    for (const [t, ws] of Object.entries(words.tiers)) for (const w of new Set(ws.map(fold))) {
      expect(tiers.get(w) ?? t, w).toBe(t)
      tiers.set(w, t)
    }
  })
})

describe('the sheet\'s header', () => {
  it('compares headers whatever their case, blanks, punctuation and width', () => {
    expect(fold(' English_Name ')).toBe('englishname')
    expect(fold('省/州')).toBe(fold('省州'))
    expect(fold('ＬＡＴ（°）')).toBe('lat')
  })

  it('letters the columns as the sheet does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('matches an office\'s Chinese headers in any order, an extra column left out', () => {
    const m = matchHeaders(['序号', '国家', '英文名', '中文名称', '纬度', '经度', '类型', '缔结日期', '人口', '省/州', '备注'], words)
    expect(m).toEqual({ name_zh: 3, name_en: 2, local_name: null, country: 1, province: 9, lat: 4, lon: 5, tier: 6, established: 7, population: 8 })
    expect(unmapped(m)).toEqual([])
  })

  it('matches English headers and our own names', () => {
    expect(matchHeaders(['Chinese Name', 'English name', 'Local name', 'Country', 'Province/State', 'Latitude', 'Longitude', 'Tier', 'Established', 'Population'], words))
      .toEqual({ name_zh: 0, name_en: 1, local_name: 2, country: 3, province: 4, lat: 5, lon: 6, tier: 7, established: 8, population: 9 })
    expect(matchHeaders([...COLUMNS].reverse(), words)).toEqual(Object.fromEntries(COLUMNS.map((c, i) => [c, 9 - i])))
  })

  it('matches a header that holds a column\'s word, the longest word deciding', () => {
    const m = matchHeaders(['城市英文名称（官方）', '中文名', '人口（2020年）', 'Population density', '结好日期 (YYYY-MM-DD)'], words)
    expect([m.name_en, m.name_zh, m.population, m.established]).toEqual([0, 1, 2, 4])
    // a column taken once: the second population header is left out
    expect(Object.values(m).filter((i) => i === 3)).toEqual([])
  })

  it('takes the first of two columns with the same header, and says which required columns are missing', () => {
    const m = matchHeaders(['中文名', '中文名', '纬度'], words)
    expect(m.name_zh).toBe(0)
    expect(unmapped(m)).toEqual(['name_en', 'country', 'lon', 'tier', 'established'])
  })

  it('finds the header below a title', () => {
    const rows = [['宁波市国际友城名录'], ['截至 2025 年底', ''], ['中文名', '英文名', '国家', '纬度', '经度'], ['亚琛市', 'Aachen', 'DE', '50.77', '6.08']]
    expect(headerIndex(rows, words)).toBe(2)
    expect(headerIndex([['a', 'b'], ['c']], words)).toBe(0)
  })

  it('says which columns share one of the sheet\'s', () => {
    expect(shared(mapped({ name_zh: 0, name_en: 0, lat: 1, lon: 1, tier: 2 }))).toEqual([['name_zh', 'name_en'], ['lat', 'lon']])
    expect(shared(mapped({ name_zh: 0 }))).toEqual([])
  })
})

describe('the values, as the server reads them', () => {
  it('reads the tier in words of either language', () => {
    expect(['友好城市', '友好交流关系城市', '交流备忘录', '交流合作备忘录', 'Sister city', 'sister', 'MoU', 'friendly', ' 友城 '].map((v) => valueOf('tier', v, values)))
      .toEqual(['sister', 'friendly', 'mou', 'mou', 'sister', 'sister', 'mou', 'friendly', 'sister'])
    expect(valueOf('tier', 'partner', values)).toBe('partner')
  })

  it('writes a date as YYYY-MM-DD, Excel\'s serial number too', () => {
    expect(['1986-09-22', '1986/9/22', '1986.9.22', '1986年9月22日', '1986 年 9 月 22 日', '31677'].map(dayOf)).toEqual(Array(6).fill('1986-09-22'))
    expect(dayOf('45658')).toBe('2025-01-01')
    expect(['22/09/1986', '1986', '1986-13-01x', 'soon'].map(dayOf)).toEqual(['22/09/1986', '1986', '1986-13-01x', 'soon'])
    expect(valueOf('established', ' 2005/10/26 ', values)).toBe('2005-10-26')
  })

  it('knows a country by its code or its name in either language', () => {
    expect(['de', 'DE', 'DEU', '德国', 'Germany', ' united kingdom ', '南非'].map((v) => valueOf('country', v, values)))
      .toEqual(['DE', 'DE', 'DE', 'DE', 'DE', 'GB', 'ZA'])
    expect(valueOf('country', 'Atlantis', values)).toBe('Atlantis')
    expect(lookup(words, []).countries.size).toBe(0)
  })

  it('reads coordinates with a decimal comma, a degree sign or a hemisphere', () => {
    expect(['50.7753', '50,7753', '50.7753°', '50.7753 N', 'N 50.7753', '北纬50.7753', '+50.7753'].map((v) => degreesOf(v, values)))
      .toEqual(Array(7).fill('50.7753'))
    expect(['33.9608 S', 'S33.9608', '南纬 33.9608', '75.54 W', '西经75.54'].map((v) => degreesOf(v, values)))
      .toEqual(['-33.9608', '-33.9608', '-33.9608', '-75.54', '-75.54'])
    expect(['-33.96', 'north', '50 N 6 E', '-33.96 S', '12 Q'].map((v) => degreesOf(v, values))).toEqual(['-33.96', 'north', '50 N 6 E', '-33.96 S', '12 Q'])
    expect(valueOf('lat', '1.5', values)).toBe('1.5')
  })

  it('reads a population with its thousands separated', () => {
    expect(['249000', '249,000', '249 000', '249000.0', 'many', '-5'].map((v) => valueOf('population', v, values)))
      .toEqual(['249000', '249000', '249000', '249000', 'many', '-5'])
  })

  it('trims every value and puts it on one line', () => {
    expect(valueOf('name_en', '  Nelson\r\n Mandela Bay ', values)).toBe('Nelson Mandela Bay')
    expect(valueOf('province', '   ', values)).toBe('')
  })
})

describe('the CSV sent', () => {
  const sheet = {
    rows: [
      ['友城名录'],
      ['序号', '国家', '英文名', '中文名称', '纬度', '经度', '类型', '缔结日期', '人口', '备注'],
      ['1', '德国', 'Aachen', '亚琛市', '50.7753', '6.0839', '友好城市', '1986-09-22', '260000', 'x'],
      ['', '', '', '', '', '', '', '', '', '合计 1'],
      ['2', 'GB', 'Nottingham, City of', '诺丁汉市', '52.9548', '-1.1581', 'Sister city', '38651'],
    ],
    rowOf: [1, 3, 4, 5, 7],
    header: 1,
  }

  it('writes our header and a line per city, each at the sheet\'s row, a row giving none of our columns left out', () => {
    const m = matchHeaders(sheet.rows[1], words)
    const b = buildCsv(sheet, m, values)
    expect(b.csv.split('\n')).toEqual([
      'name_zh,name_en,local_name,country,province,lat,lon,tier,established,population',
      '亚琛市,Aachen,,DE,,50.7753,6.0839,sister,1986-09-22,260000',
      '诺丁汉市,"Nottingham, City of",,GB,,52.9548,-1.1581,sister,2005-10-26,',
      '',
    ])
    expect(b.rows).toBe(2)
    expect(b.rowOf).toEqual([3, 4, 7])
  })

  it('sends only the header when no row is below it', () => {
    expect(buildCsv({ rows: [['a']], rowOf: [2], header: 0 }, emptyMapping(), values))
      .toEqual({ csv: `${COLUMNS.join(',')}\n`, rows: 0, rowOf: [2] })
  })
})
