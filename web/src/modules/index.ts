// Loads each module's web contributions: `views/<module>/module.ts` registers its panels,
// computed figures and list filters when imported. main.ts imports this before mounting.
import.meta.glob('../views/*/module.ts', { eager: true })
