// What the visa module adds to the core screens: on a visa application's case page, its
// consulate, fees, processing time and batch, and the catalog's checklist with each document
// attached or missing (uploaded into its slot from there).
import { defineAsyncComponent } from 'vue'
import { registerPanel } from '@/modules/panels'

registerPanel('case.detail', {
  id: 'visa.checklist',
  component: defineAsyncComponent(() => import('./case/VisaPanel.vue')),
  caseTypes: ['visa_application'],
})
