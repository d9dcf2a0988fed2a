// What the legalization module adds to the core screens: the documents of a legalization case
// (with the route its destination takes) on the case page.
import { defineAsyncComponent } from 'vue'
import { registerPanel } from '@/modules/panels'

registerPanel('case.detail', {
  id: 'legalization.documents',
  component: defineAsyncComponent(() => import('./documents/DocumentsPanel.vue')),
  caseTypes: ['legalization'],
})
