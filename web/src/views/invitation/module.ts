// What the invitation module adds to the core screens: its kind on the public verification page.
import { registerVerifyKind } from '@/modules/verify-kinds'

registerVerifyKind('invitation', {
  title: 'invitation.verify.kind', fields: 'invitation.verify.fields', values: 'invitation.verify.values',
})
