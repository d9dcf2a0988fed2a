// Every module's routes file, collected: adding router/modules/<module>.ts is all it takes.
import { collectRoutes, type RouteFiles } from './collect'

const files = import.meta.glob('./modules/*.ts', { eager: true }) as RouteFiles

export const { top, shell } = collectRoutes(files)
