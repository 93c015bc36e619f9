import { openDatabase as openServiceDatabase, type Database, type DatabaseConfig } from '@yrd/storage';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Opens a province's database with the province's entities, bringing it up to date by its migrations. */
export const openDatabase = (config: DatabaseConfig): Promise<Database> => openServiceDatabase(config, { entities: ENTITIES, migrations: MIGRATIONS });
