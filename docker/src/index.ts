export { platformModel, callersOf, serviceNamed, servicesWithDatabases, type Platform, type PlatformService, type ServiceDatabase, type ServiceKind } from './platform';
export { composeFile, COMPOSE_FILE } from './compose';
export { mariadbInitScript, MARIADB_INIT_FILE } from './mariadbInit';
export { kubernetesManifests, renderManifestFile, type KubernetesObject, type ManifestFile } from './kubernetes/manifests';
export { deployDirectory, generatedFiles, staleFiles, writeGeneratedFiles, type GeneratedFile } from './generatedFiles';
