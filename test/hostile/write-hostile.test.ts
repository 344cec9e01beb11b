import { it } from 'vitest'
import { writeVault } from '../helpers/build-vault.js'
import { hostileFiles } from './hostile-vault.js'
it.skipIf(!process.env.GROVE_WRITE_HOSTILE)('writes the hostile vault for manual runs', async () => {
  await writeVault(hostileFiles, process.env.GROVE_WRITE_HOSTILE)
})
