import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ProvinceRegistry } from '@yrd/domain';
import { COMPOSE_FILE, composeFile } from './compose';
import { kubernetesManifests, renderManifestFile } from './kubernetes/manifests';
import { MARIADB_INIT_FILE, mariadbInitScript } from './mariadbInit';

export interface GeneratedFile {
  /** Under docker/. */
  readonly path: string;
  readonly content: string;
  /** Mode of a new file: the init script is run, not sourced. */
  readonly mode: number;
}

/** docker/: this package's folder, from src/ (ts) and dist/ (js) alike. */
export const deployDirectory = (): string => resolve(__dirname, '..');

/** Every file the generator writes; each Kubernetes object is checked against its schema first. */
export function generatedFiles(registry: ProvinceRegistry): GeneratedFile[] {
  const manifests = kubernetesManifests(registry);
  for (const file of manifests) for (const object of file.objects) object.validate();
  return [
    { path: COMPOSE_FILE, content: composeFile(registry), mode: 0o644 },
    { path: MARIADB_INIT_FILE, content: mariadbInitScript(registry), mode: 0o755 },
    ...manifests.map((f) => ({ path: f.path, content: renderManifestFile(f), mode: 0o644 })),
  ];
}

const current = (dir: string, file: GeneratedFile) => {
  const path = join(dir, file.path);
  return existsSync(path) && readFileSync(path, 'utf8') === file.content;
};

/** The files under `dir` that are missing or differ from what the generator writes. */
export function staleFiles(dir: string, files: readonly GeneratedFile[]): string[] {
  return files.filter((f) => !current(dir, f)).map((f) => f.path);
}

/** Writes the files that differ; returns their paths. */
export function writeGeneratedFiles(dir: string, files: readonly GeneratedFile[]): string[] {
  const stale = files.filter((f) => !current(dir, f));
  for (const file of stale) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content, { mode: file.mode });
  }
  return stale.map((f) => f.path);
}
