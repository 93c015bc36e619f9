import type { ProvinceRegistry } from '@yrd/domain';
import { platformModel, servicesWithDatabases } from './platform';
import { GENERATED_NOTICE } from './yamlText';

export const MARIADB_INIT_FILE = 'mariadb-init/10-province-users.sh';

/**
 * docker/mariadb-init/10-province-users.sh: a database and a user of its own for each province and for webhooks.
 * The database is created with the binary collation openDatabase asks for: created here first, it would otherwise
 * take the server's default and the migrations' CREATE DATABASE IF NOT EXISTS would not change it.
 */
export function mariadbInitScript(registry: ProvinceRegistry): string {
  const owners = servicesWithDatabases(platformModel(registry)).map((s) => ({ name: s.name, database: s.database }));
  const mismatch = owners.find((o) => o.database.name !== `yrd_${o.name}` || o.database.passwordVariable !== `${o.name.toUpperCase()}_DB_PASSWORD`);
  if (mismatch) throw new Error(`the init script names ${mismatch.name}'s database and password variable after it, not ${mismatch.database.name}`);
  return `#!/bin/sh
${GENERATED_NOTICE.map((l) => `# ${l}`).join('\n')}
#
# Runs once, when MariaDB initialises its volume: each province's office (and the webhooks service) gets a database
# user of its own, with rights on its own database only, so that a compromised province cannot read or write
# another's records.
set -eu
for owner in ${owners.map((o) => o.name).join(' ')}; do
  variable=$(echo "\${owner}_DB_PASSWORD" | tr '[:lower:]' '[:upper:]')
  password=$(printenv "$variable")
  mariadb --user=root --password="$MARIADB_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS yrd_\${owner} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS 'yrd_\${owner}'@'%' IDENTIFIED BY '\${password}';
GRANT ALL PRIVILEGES ON yrd_\${owner}.* TO 'yrd_\${owner}'@'%';
SQL
done
`;
}
