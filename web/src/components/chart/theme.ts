// The one look of every ECharts chart: colours from the theme's CSS variables (theme.css),
// text dark enough to read (4.5:1, like HTML text) and as large as the "larger text" switch
// makes the page's text. ECharts draws on a canvas, so it cannot follow CSS by itself.
import type { EChartsOption } from 'echarts'

/** Element Plus's type names, as the case-type definitions use them for state colours. */
export type TypeColor = 'primary' | 'success' | 'warning' | 'danger' | 'info'

function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/** The theme's colour of a type (bars, timeline dots): at least 5:1 against white. */
export function typeColor(type: string | undefined): string {
  const t = (['primary', 'success', 'warning', 'danger', 'info'] as const).includes(type as TypeColor) ? type : 'info'
  return cssVar(`--el-color-${t}`, '#5f6368')
}

/** Pixels of 12px text at the current root font size (the browser's and the larger-text switch). */
function textPx(px: number): number {
  if (typeof document === 'undefined') return px
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
  return Math.round((px * root) / 16)
}

type Axis = Record<string, unknown>
type Option = { xAxis?: Axis; yAxis?: Axis; [key: string]: unknown }

/** Whether the user asked their system for less motion (prefers-reduced-motion). */
export function reducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
}

/**
 * A chart's option with the shared look added: text colour and size, axis lines and grid
 * lines, and no animation for those who asked for less motion (bars and map colours then
 * appear at once). `scale` is only read to make the option recompute when the text size changes.
 */
export function themed(option: Option, scale?: unknown): EChartsOption {
  void scale
  const text = cssVar('--el-text-color-primary', '#303133')
  const secondary = cssVar('--el-text-color-regular', '#606266')
  const size = textPx(12)
  const axis = (a: Axis | undefined): Axis | undefined => a && {
    ...a,
    axisLabel: { color: secondary, fontSize: size, ...(a.axisLabel as object) },
    axisLine: { lineStyle: { color: '#8c8f94' }, ...(a.axisLine as object) },
    splitLine: { lineStyle: { color: '#e4e7ed' }, ...(a.splitLine as object) },
    nameTextStyle: { color: secondary, fontSize: size },
  }
  return {
    ...option,
    textStyle: { color: text, fontSize: size },
    tooltip: { textStyle: { color: text, fontSize: textPx(14) }, ...(option.tooltip as object) },
    xAxis: axis(option.xAxis),
    yAxis: axis(option.yAxis),
    animation: option.animation !== false && !reducedMotion(),
  } as EChartsOption
}
