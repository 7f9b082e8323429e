/*
 * The Backstage backend of the Cloud Deployments portal (new backend system).
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// cloud:estimate, cloud:render, cloud:terraform:plan/apply, cloud:deployment:create/destroy
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-scaffolder-backend-module-cloud-deployments'
  ),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// the CloudDeployment kind, and every deployment published as an entity
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-catalog-backend-module-cloud-deployments'
  ),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// Owner-scoped cloud deployments: everyone reads, owners change their own,
// cloudDeployments.permissionPolicy.admins change all; every other plugin's
// permission is allowed. See the README (Permissions) and
// https://backstage.io/docs/permissions/getting-started
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-permission-backend-module-cloud-deployments-policy'
  ),
);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// cloud deployments plugin, and its live price sources (each off until configured
// under cloudDeployments.pricing.<aws|gcp|azure>; estimates use the embedded snapshot)
backend.add(
  import('@cloud-deployments-for-backstage/plugin-cloud-deployments-backend'),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws'
  ),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp'
  ),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure'
  ),
);
// Kubernetes: server-side apply to the clusters under kubernetes.clusterLocatorMethods
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes'
  ),
);
// The demo's sandboxes: local stand-ins for SageMaker, Cloud Run, Azure and a
// Kubernetes cluster, used by each provider above that has no account or cluster
// configured. A production backend leaves this line (and the package) out.
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox'
  ),
);

// serves the built app's brotli/gzip files (packages/app's build writes them)
// ahead of the app plugin, which would compress every response itself
backend.add(import('./modules/precompressedAssets'));

backend.start();
