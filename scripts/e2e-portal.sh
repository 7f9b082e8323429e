#!/usr/bin/env bash
# Starts the portal for the end-to-end tests (Playwright's webServer runs it and stops
# it): the real frontend and backend as `yarn start` runs them, sandbox providers, and
# SQLite in a fresh directory so that every run starts from an empty database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
source scripts/terraform-mirror.sh
data="${E2E_DATA_DIR:-$(mktemp -d -t cloud-deployments-e2e-XXXXXX)}"
echo "e2e portal: SQLite in $data" >&2
# Guest sign-in needs development mode; APP_CONFIG_* overrides one config value.
export NODE_ENV=development
export APP_CONFIG_backend_database_connection_directory="$data"
# Other ports (E2E_APP_PORT, E2E_BACKEND_PORT) let two e2e runs share a machine.
app_port="${E2E_APP_PORT:-3000}"
backend_port="${E2E_BACKEND_PORT:-7007}"
if [ "$app_port" != 3000 ] || [ "$backend_port" != 7007 ]; then
  export APP_CONFIG_app_baseUrl="http://localhost:$app_port"
  export APP_CONFIG_backend_baseUrl="http://localhost:$backend_port"
  export APP_CONFIG_backend_listen_port="$backend_port"
  export APP_CONFIG_backend_cors_origin="http://localhost:$app_port"
fi
# The e2e tests' "release pipeline" requests deployments with this token.
if [ -n "${E2E_PIPELINE_TOKEN:-}" ]; then
  export APP_CONFIG_backend_auth_externalAccess="[{\"type\":\"static\",\"options\":{\"token\":\"$E2E_PIPELINE_TOKEN\",\"subject\":\"release-pipeline\"}}]"
fi
exec yarn start
