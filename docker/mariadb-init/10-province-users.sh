#!/bin/sh
# Generated from the province folders (subgraphs/<province>/province.json) by `npm run generate:deploy`
# (docker/src): do not edit it by hand; a test fails while it differs from what the generator writes.
#
# Runs once, when MariaDB initialises its volume: each province's office (and the webhooks service) gets a database
# user of its own, with rights on its own database only, so that a compromised province cannot read or write
# another's records.
set -eu
for owner in zhejiang shanghai jiangsu webhooks; do
  variable=$(echo "${owner}_DB_PASSWORD" | tr '[:lower:]' '[:upper:]')
  password=$(printenv "$variable")
  mariadb --user=root --password="$MARIADB_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS yrd_${owner} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS 'yrd_${owner}'@'%' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON yrd_${owner}.* TO 'yrd_${owner}'@'%';
SQL
done
