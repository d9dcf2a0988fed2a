import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'

/**
 * Text sizes in rem instead of px, in Element Plus's CSS and in ours: text then follows the
 * root font size, which is the browser's text-size setting times the "larger text" switch
 * (stores/display.ts; WCAG 2.1 1.4.4 Resize text). Font sizes, line heights and Element Plus's
 * size variables (component and menu heights) are converted; 1rem = 16px, so nothing changes
 * at the default size. Borders, paddings and media queries stay in px.
 */
const remSizes = {
  postcssPlugin: 'waishi-rem-sizes',
  Declaration(decl: { prop: string; value: string }) {
    const sized = decl.prop === 'font-size' || decl.prop === 'line-height' || decl.prop === 'min-height'
      || /^--el-(.*font-size.*|component-size.*|.*-height)$/.test(decl.prop)
    if (!sized || !decl.value.includes('px')) return
    decl.value = decl.value.replace(/(-?\d*\.?\d+)px\b/g, (_, n: string) => `${Number(n) / 16}rem`)
  },
}

// The dev server proxies /api to a locally running `waishi serve` (WAISHI_URL, default :8099).
export default defineConfig({
  // Element Plus's components and directives (v-loading) are imported where a template uses
  // them, not registered whole: a page loads the code of the components it shows. Its CSS is
  // still imported whole, in main.ts, before theme.css, which overrides it.
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dirs: [], dts: false })],
  css: { postcss: { plugins: [remSizes] } },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: { '/api': process.env.WAISHI_URL ?? 'http://127.0.0.1:8099' },
  },
  build: {
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/element-plus')) return 'element-plus'
          return undefined
        },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // The test files share their workers' modules rather than importing them afresh each: the
    // run took 30 s, 28 of them importing. Each test sets the state it depends on (the locale).
    isolate: false,
  },
} as any)
