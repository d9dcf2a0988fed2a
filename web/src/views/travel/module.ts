// What outbound travel adds to the core screens: the green-channel panel and tag of an
// organization, the queue's green-channel filter, the live panel's computed figures.
import { defineAsyncComponent } from 'vue'
import { registerPanel } from '@/modules/panels'
import { registerFigure } from '@/modules/figures'
import { registerListFlag } from '@/modules/list-filters'
import GreenTag from './green-channel/GreenTag.vue'
import { FIGURES } from './figures'

registerPanel('org.detail', {
  id: 'travel.green-channel',
  component: defineAsyncComponent(() => import('./green-channel/GreenChannelPanel.vue')),
  roles: ['officer', 'approver'],
})
registerPanel('org.tags', { id: 'travel.green', component: GreenTag })

registerListFlag({ param: 'direct_report', id: 'green', label: 'travel.green.only', modes: ['queue'], caseTypes: ['outbound_travel'] })

for (const [name, fn] of Object.entries(FIGURES)) registerFigure(name, fn)
