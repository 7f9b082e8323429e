/*
 * Copyright 2026 The Cloud Deployments for Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the cloud-deployments plugins. */
  cloudDeployments?: {
    /**
     * Cost estimates. Prices come from the embedded, dated snapshot unless a
     * price module (aws, gcp, azure) is installed and configured; their live
     * prices are cached in the database and refreshed on a schedule.
     */
    pricing?: {
      /**
       * How long prices fetched from a live source are served from the cache
       * before the snapshot answers again. Between 1 hour and 7 days; default
       * 24 hours.
       */
      cacheTtl?: HumanDuration | string;
      /**
       * When the live sources are fetched (once across all replicas). Default:
       * every 12 hours, first 1 minute after start, 15 minute timeout.
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Hours in a month of always-on running. Default 730. */
      hoursPerMonth?: number;
      /**
       * The node type Kubernetes deployments are priced against: a pod costs
       * its share of a node, by the larger of its CPU and memory requests.
       * Default: aws m5.large (2 vCPU, 8 GiB) in us-east-1.
       */
      kubernetesNode?: {
        /** The cloud the cluster's nodes run in. */
        provider: 'aws' | 'gcp' | 'azure';
        /** The nodes' region, e.g. `us-east-1`, `us-central1`, `eastus`. */
        region: string;
        /** The nodes' machine type, e.g. `m5.large`, `e2-standard-4`, `Standard_D2s_v5`. */
        instanceType: string;
        /** vCPUs of a node; required when the snapshot does not know the type (the backend refuses to start without it). */
        vcpu?: number;
        /** Memory of a node in GiB; required when the snapshot does not know the type (the backend refuses to start without it). */
        memoryGiB?: number;
      };
    };

    /**
     * What deployments really cost, per UTC day, beside what their estimates
     * give. Billing sources are added by the provider modules, each off until
     * configured there: `cloudDeployments.aws.costExplorer`,
     * `cloudDeployments.azure.costManagement` and
     * `cloudDeployments.gcp.billingExport`; sandbox deployments get
     * synthetic usage and Kubernetes deployments an allocation, both from the
     * hours they ran.
     */
    costs?: {
      actuals?: {
        /**
         * When the billing sources are read (once across all replicas).
         * Default: every 24 hours, first 2 minutes after start, 30 minute
         * timeout. Billing APIs charge per request (Cost Explorer: USD 0.01),
         * so keep it daily.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * When the portal's own figures are worked out: each day's estimate,
         * sandbox usage and Kubernetes allocations, today so far included.
         * Default: every 15 minutes, first 1 minute after start.
         */
        refreshSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Days read again on every run, as billing data settles. Default 7 (1–90). */
        lookbackDays?: number;
        /** Days read on the first run, or after a gap. Default 30 (1–366). */
        backfillDays?: number;
      };
      /**
       * Savings recommendations (idle, rightsizing, commitment, orphaned),
       * computed on a schedule and kept with their status. Idle deployments
       * are found from the metrics sources the provider modules add
       * (`cloudDeployments.aws.cloudWatch`, `cloudDeployments.gcp.monitoring`,
       * `cloudDeployments.azure.monitor`, or the sandboxes).
       */
      recommendations?: {
        /**
         * When they are computed (once across all replicas). Default: every
         * 6 hours, first 3 minutes after start, 30 minute timeout. Metrics
         * APIs charge per request (CloudWatch GetMetricData per metric).
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Full days with no traffic that make a deployment idle. Default 7 (1–90). */
        idleDays?: number;
        /**
         * Days a production deployment must have run, with no TTL, before a
         * commitment is recommended. Default 30 (1–90).
         */
        steadyDays?: number;
      };
    };

    /** For demo portals only; never set in production. */
    demo?: {
      /**
       * Days of cost history (14–90) to seed at start for sandbox
       * deployments: a few deployments made that long ago, with their
       * status events and revisions (two still running, one scaled up, one
       * down; two destroyed by their TTL), whose daily costs are then worked
       * out as any deployment's, labelled sandbox. Only providers in sandbox
       * mode get them; seeded once (fixed ids), whatever the restarts or
       * replicas. Default 0: off.
       */
      seedHistoryDays?: number;
    };

    /**
     * Cedar policy files that every create, update, redeploy, rollback,
     * Terraform apply and Kubernetes apply is evaluated against (see
     * docs/policies.md). Files hold `forbid` rules only, each with
     * `@id("kebab-name")` and `@message("...")`: a matching forbid on
     * `Action::"deploy"` refuses the request, one on
     * `Action::"deployWithoutApproval"` makes it wait for an approval. They
     * are validated against the schema at startup, which fails on any error.
     * None listed: every request is allowed.
     */
    policies?: Array<{
      /** Names the file in errors and logs; unique. */
      name: string;
      /**
       * The Cedar text, normally included with `$file`, e.g.
       * `cedar: { $file: ./policies/production-needs-approval.cedar }`
       * (resolved from the config file's folder).
       */
      cedar: string;
    }>;

    /**
     * The pre-flight check of GPU deployments against their quota (see
     * docs/gpu-quota.md): the quota of the instance type in the account and
     * region, and what runs against it, read before a create or a spec
     * change is accepted.
     */
    quota?: {
      /**
       * What a GPU deployment that would go past its quota gets: `refuse`
       * (409, naming the numbers and an equivalent type with quota free) or
       * `warn` (accepted; the warning is in the answer and the deployment's
       * log). A quota that cannot be read never refuses. Default `refuse`.
       */
      onExceeded?: 'refuse' | 'warn';
    };

    /**
     * The durable job queue that provisions, updates and destroys
     * deployments. Every replica runs a worker unless `enabled` is false; they
     * share the queue through the database.
     */
    jobs?: {
      /** Whether this replica runs a worker. Default true. */
      enabled?: boolean;
      /** Tasks one worker runs at once. Default 8. */
      concurrency?: number;
      /**
       * Tasks of one provider a worker runs at once, by provider id, e.g.
       * `aws-sagemaker: 2` to stay under an account's API limits. Default:
       * `concurrency`.
       */
      providerConcurrency?: { [providerId: string]: number };
      /** Attempts of a task before it fails its deployment. Default 8. */
      maxAttempts?: number;
      /**
       * How long a claimed task stays with its worker without a heartbeat;
       * after that another worker takes it over. Default 30 seconds.
       */
      lease?: HumanDuration | string;
      /** Pause between two looks at a change the cloud is making. Default 5 seconds. */
      pollInterval?: HumanDuration | string;
      /** How often an idle worker looks for due tasks. Default 1 second. */
      idlePollInterval?: HumanDuration | string;
      /** First retry delay after an error, doubled per attempt. Default 2 seconds. */
      backoff?: HumanDuration | string;
      /** Longest retry delay. Default 5 minutes. */
      maxBackoff?: HumanDuration | string;
      /** Longest provisioning or update before it fails. Default 60 minutes. */
      provisionTimeout?: HumanDuration | string;
      /** Longest destroy before it fails. Default 30 minutes. */
      destroyTimeout?: HumanDuration | string;
    };

    /**
     * Reconciliation: every active or drifted deployment is looked at in its
     * cloud on a schedule (once across replicas), and drift is recorded:
     * resources deleted or failed outside the portal (`failed`), or running
     * another configuration than the spec (`drifted`, with the fields). Each
     * pass also destroys the deployments whose time to live ran out.
     */
    reconciliation?: {
      /**
       * Default: every 60 seconds, first 60 seconds after start, 5 minute
       * timeout; so drift is found, and a TTL acts, within a minute. A longer
       * interval makes fewer provider calls (see bench/README.md).
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Provider calls in flight at once. Default 32. */
      concurrency?: number;
    };

    /**
     * The Terraform HTTP state backend, at
     * `/api/cloud-deployments/terraform/state/<workspace>`.
     */
    terraform?: {
      /**
       * State is always encrypted at rest (AES-256-GCM) with a data key the
       * plugin makes once and keeps in its database. This key, 32 random
       * bytes in base64 (e.g. `openssl rand -base64 32`), wraps those data
       * keys, so that a copy of the database alone reads no state; without
       * it they are kept unwrapped and the backend warns at start.
       * Changing it re-wraps every data key and starts a new one at the next
       * start: list the old key under `previousStateEncryptionKeys` for that
       * start. See docs/terraform-state-encryption.md.
       *
       * @visibility secret
       */
      stateEncryptionKey?: string;
      /**
       * Keys that were `stateEncryptionKey` before, so that the data keys
       * they wrap (and state versions they sealed directly, before data
       * keys existed) stay readable after a rotation. A key can be dropped
       * once a start has re-wrapped everything under the new one, unless
       * it sealed versions directly.
       *
       * @visibility secret
       */
      previousStateEncryptionKeys?: string[];
      /**
       * Deployments with `engine: terraform` are provisioned by running the
       * `terraform` CLI on this backend, with state in the workspace above.
       */
      runner?: {
        /** Off: deployments with engine terraform are refused. Default true. */
        enabled?: boolean;
        /** The binary. Default `terraform` on the PATH. */
        terraformPath?: string;
        /**
         * A Terraform CLI configuration file (`TF_CLI_CONFIG_FILE`), e.g. one
         * that installs providers from a filesystem mirror or a plugin cache.
         */
        cliConfigFile?: string;
        /**
         * How long one apply or destroy may run before it is interrupted
         * (Terraform then releases its lock). Default 60 minutes.
         */
        applyTimeout?: HumanDuration | string;
        /**
         * How long the Terraform plan of a change preview may run (init and
         * plan) before the preview says it could not plan. Default 2 minutes.
         */
        previewTimeout?: HumanDuration | string;
        /**
         * Preview plans this backend runs at once; a preview beyond them says
         * the backend is busy rather than waiting. 0 turns preview plans off.
         * Default 2.
         */
        previewConcurrency?: number;
      };
    };
  };
}
