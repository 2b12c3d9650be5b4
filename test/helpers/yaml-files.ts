import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every .yaml/.yml file below `dir`, depth first, in name order. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}
