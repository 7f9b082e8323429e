#!/usr/bin/env bash
# Sets up and starts the portal: the frontend on http://localhost:3000 and the backend
# on http://localhost:7007, with deployments kept in SQLite files under data/sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install.sh
source scripts/terraform-mirror.sh
exec yarn start "$@"
