#!/bin/sh
# Runs once, when MariaDB initialises its volume: each province's office (and the webhooks service) gets a database
# user of its own, with rights on its own database only, so that a compromised province cannot read or write
# another's records.
set -eu
for province in zhejiang shanghai jiangsu webhooks; do
  variable=$(echo "${province}_DB_PASSWORD" | tr '[:lower:]' '[:upper:]')
  password=$(printenv "$variable")
  mariadb --user=root --password="$MARIADB_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS yrd_${province};
CREATE USER IF NOT EXISTS 'yrd_${province}'@'%' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON yrd_${province}.* TO 'yrd_${province}'@'%';
SQL
done
