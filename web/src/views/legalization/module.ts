// What the legalization module adds to the core screens: the documents of a legalization case
// (with the route its destination takes) on the case page, and the apostille on the public
// verification page (the e-Register the certificate's QR code opens).
import { defineAsyncComponent } from 'vue'
import { registerPanel } from '@/modules/panels'
import { registerVerifyKind } from '@/modules/verify-kinds'

registerPanel('case.detail', {
  id: 'legalization.documents',
  component: defineAsyncComponent(() => import('./documents/DocumentsPanel.vue')),
  caseTypes: ['legalization'],
})

registerVerifyKind('apostille', { title: 'legalization.verify.kind', fields: 'legalization.verify.fields' })
