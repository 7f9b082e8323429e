#!/usr/bin/env bash
# Source this file: when the machine has an offline Terraform provider mirror (a
# `tf-plugins` directory near the root, as scripts/test.sh finds it), points the
# portal's Terraform runner at it through a CLI configuration file, so that
# `engine: terraform` works in the portal with no registry access. Without a
# mirror nothing is set and Terraform installs providers as it normally would.
_tm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tm_mirror="$(find / -maxdepth 2 -type d -name tf-plugins 2>/dev/null | head -1 || true)"
if [ -n "$_tm_mirror" ] && [ -z "${APP_CONFIG_cloudDeployments_terraform_runner_cliConfigFile:-}" ]; then
  mkdir -p "$_tm_root/.cache"
  printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' \
    "$_tm_mirror" >"$_tm_root/.cache/terraform.rc"
  export APP_CONFIG_cloudDeployments_terraform_runner_cliConfigFile="$_tm_root/.cache/terraform.rc"
  echo "terraform: providers from the mirror $_tm_mirror" >&2
fi
unset _tm_root _tm_mirror
