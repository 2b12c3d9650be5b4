// Test-only (node --import): every file write fails as on a full disk (ENOSPC), for machines
// where a small tmpfs cannot be mounted. Used by test/cli/faults.test.ts.
import { open } from 'node:fs/promises';

const handle = await open(import.meta.filename, 'r');
const proto = Object.getPrototypeOf(handle);
await handle.close();
proto.write = async function write() {
  const error = new Error('ENOSPC: no space left on device, write');
  Object.assign(error, { code: 'ENOSPC', errno: -28, syscall: 'write' });
  throw error;
};
