import type { IPodSecurityContext, ISecurityContext, IVolume, IVolumeMount } from 'kubernetes-models/v1';

/** The image's `node` user (docker/Dockerfile): numeric, so that runAsNonRoot can be checked. */
export const NODE_UID = 1000;
/** The mariadb image's `mysql` user. */
export const MYSQL_UID = 999;

export const podSecurity = (uid: number): IPodSecurityContext => ({
  runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' },
});

export const containerSecurity: ISecurityContext = {
  runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] },
};

/** A writable scratch folder on a read-only root filesystem. */
export interface Scratch {
  readonly name: string;
  readonly path: string;
}

export const scratchVolumes = (scratch: readonly Scratch[]): IVolume[] => scratch.map((s) => ({ name: s.name, emptyDir: {} }));
export const scratchMounts = (scratch: readonly Scratch[]): IVolumeMount[] => scratch.map((s) => ({ name: s.name, mountPath: s.path }));

/**
 * The services' writable folders: /tmp, and DATA_DIR (the image's /var/lib/yrd), which holds nothing in production
 * (the databases are MariaDB, the keys are mounted) but is where a service would write if it had to.
 */
export const SERVICE_SCRATCH: readonly Scratch[] = [{ name: 'tmp', path: '/tmp' }, { name: 'data', path: '/var/lib/yrd' }];
