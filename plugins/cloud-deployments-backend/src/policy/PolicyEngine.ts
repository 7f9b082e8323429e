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
import {
  preparsePolicySet,
  preparseSchema,
  statefulIsAuthorized,
} from '@cedar-policy/cedar-wasm/nodejs';
import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { LoadedPolicy, loadPolicies, PolicySource } from './loadPolicies';
import { toPolicyInput, PolicyInput } from './policyInput';
import {
  POLICY_ACTIONS,
  POLICY_NAMESPACE,
  POLICY_SCHEMA,
} from './policySchema';
import { readPolicySources } from './readPolicySources';
import { PolicyDecision, PolicyReason, PolicyRequest } from './types';

// Cedar keeps preparsed sets in the module by name: one name per engine.
const SCHEMA_NAME = 'cloud-deployments';
// Not a valid @id, so it cannot clash with a policy's.
const BASE_PERMIT_ID = 'base permit';
let schemaPrepared = false;
let engines = 0;

/** Names the whole evaluation when Cedar could not answer at all. */
const ENGINE_POLICY = 'policy-engine';

/**
 * Evaluates deployment requests against the Cedar policies named in config.
 * The files hold forbid rules; the engine adds `permit(principal, action,
 * resource);`, so a request no forbid matches is allowed.
 *
 * @public
 */
export class PolicyEngine {
  readonly policyIds: string[];
  readonly #policies: Map<string, LoadedPolicy>;
  readonly #setId: string;
  readonly #logger?: LoggerService;
  readonly #logged = new Set<string>();

  /** Reads `cloudDeployments.policies`; throws on any invalid file. */
  static fromConfig(config: Config, logger: LoggerService): PolicyEngine {
    const sources = readPolicySources(config);
    const engine = PolicyEngine.fromSources(sources, logger);
    logger.info(
      engine.policyIds.length === 0
        ? 'no policies: every request is allowed'
        : `${engine.policyIds.length} policies from ${
            sources.length
          } files: ${engine.policyIds.join(', ')}`,
    );
    return engine;
  }

  /** An engine over the given files; throws on any invalid file. */
  static fromSources(
    sources: PolicySource[],
    logger?: LoggerService,
  ): PolicyEngine {
    return new PolicyEngine(loadPolicies(sources), logger);
  }

  private constructor(policies: LoadedPolicy[], logger?: LoggerService) {
    this.policyIds = policies.map(p => p.id);
    this.#policies = new Map(policies.map(p => [p.id, p]));
    this.#logger = logger;
    this.#setId = `cloud-deployments-${++engines}`;
    if (!schemaPrepared) {
      expectSuccess(preparseSchema(SCHEMA_NAME, POLICY_SCHEMA), 'the schema');
      schemaPrepared = true;
    }
    expectSuccess(
      preparsePolicySet(this.#setId, {
        staticPolicies: {
          ...Object.fromEntries(policies.map(p => [p.id, p.text])),
          [BASE_PERMIT_ID]: 'permit(principal, action, resource);',
        },
      }),
      'the policies',
    );
  }

  /**
   * Refusals win: approval reasons are reported only when nothing refuses.
   * Never throws: when Cedar cannot answer, the request is refused.
   */
  evaluate(request: PolicyRequest): PolicyDecision {
    let input: PolicyInput;
    try {
      input = toPolicyInput(request);
    } catch (error) {
      return this.#refuseAll(`the request could not be read: ${error}`, {});
    }
    if (this.policyIds.length === 0) {
      return { outcome: 'allow', reasons: [], values: input.values };
    }
    try {
      const refusals = this.#matching(input, 'refuse');
      if (refusals.length > 0) {
        return { outcome: 'refuse', reasons: refusals, values: input.values };
      }
      const approvals = this.#matching(input, 'approval');
      return {
        outcome: approvals.length > 0 ? 'approval' : 'allow',
        reasons: approvals,
        values: input.values,
      };
    } catch (error) {
      return this.#refuseAll(`${error}`, input.values);
    }
  }

  #matching(
    input: PolicyInput,
    effect: PolicyReason['effect'],
  ): PolicyReason[] {
    const answer = statefulIsAuthorized({
      principal: input.principal,
      action: {
        type: `${POLICY_NAMESPACE}::Action`,
        id: POLICY_ACTIONS[effect],
      },
      resource: input.resource,
      context: input.context,
      entities: input.entities,
      preparsedPolicySetId: this.#setId,
      preparsedSchemaName: SCHEMA_NAME,
      validateRequest: true,
    });
    if (answer.type === 'failure') {
      throw new Error(answer.errors.map(e => e.message).join('; '));
    }
    const { reason, errors } = answer.response.diagnostics;
    // Cedar skips a policy whose evaluation failed, as if it did not match.
    // For a forbid that would let through what it exists to stop, so an
    // errored policy counts as matching (fail closed), with Cedar's message.
    const failed = new Map(errors.map(e => [e.policyId, e.error.message]));
    for (const [id, message] of failed) this.#logOnce(id, message);
    return this.policyIds.flatMap(id => {
      const policy = this.#policies.get(id)!;
      if (reason.includes(id)) {
        return [{ policy: id, message: policy.message, effect }];
      }
      const error = failed.get(id);
      if (error === undefined) return [];
      return [
        {
          policy: id,
          message: `${policy.message} (counted as matching because Cedar could not evaluate it: ${error})`,
          effect,
        },
      ];
    });
  }

  #refuseAll(why: string, values: PolicyDecision['values']): PolicyDecision {
    this.#logOnce(ENGINE_POLICY, why);
    return {
      outcome: 'refuse',
      reasons: [
        {
          policy: ENGINE_POLICY,
          message: `The policies could not be evaluated, so the request is refused: ${why}`,
          effect: 'refuse',
        },
      ],
      values,
    };
  }

  #logOnce(policy: string, message: string) {
    const key = `${policy}\n${message}`;
    if (this.#logged.has(key)) return;
    this.#logged.add(key);
    this.#logger?.error(
      `Policy "${policy}" could not be evaluated and counts as matching: ${message}`,
    );
  }
}

function expectSuccess(
  answer:
    | { type: 'success' }
    | { type: 'failure'; errors: { message: string }[] },
  what: string,
) {
  if (answer.type === 'failure') {
    throw new Error(
      `Cedar could not read ${what}: ${answer.errors
        .map(e => e.message)
        .join('; ')}`,
    );
  }
}
