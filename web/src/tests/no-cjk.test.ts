// No Chinese text may be written straight into the source: it belongs in src/locales/zh-CN.
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const SRC = join(__dirname, '..')
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return f === 'locales' ? [] : files(p)
    return /\.(vue|ts|html|css)$/.test(f) && !f.endsWith('.test.ts') ? [p] : []
  })
}

describe('no hard-coded CJK text', () => {
  it('appears in .vue / .ts files outside src/locales', () => {
    const offenders: string[] = []
    for (const f of [...files(SRC), join(SRC, '..', 'index.html')]) {
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        // font family names are not user-visible text
        if (CJK.test(line.replace(/'(PingFang SC|Microsoft YaHei|Noto Sans CJK SC)'/g, ''))) offenders.push(`${relative(SRC, f)}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(offenders).toEqual([])
  })
})
