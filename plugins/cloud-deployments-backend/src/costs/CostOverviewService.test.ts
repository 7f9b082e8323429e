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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  CostEstimate,
  DeploymentSpec,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentPermissionRules } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { BudgetService } from '../budgets/BudgetService';
import { DatabaseBudgetStore } from '../budgets/DatabaseBudgetStore';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { ENGINE_ACTOR } from '../jobs/deploymentTaskTerms';
import { TaskQueue } from '../jobs/TaskQueue';
import { testSnapshot } from '../__testUtils__/snapshot';
import { EstimationService } from '../pricing/EstimationService';
import { PriceCatalog } from '../pricing/PriceCatalog';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { ttlExpiryReason } from '../reconcile/ttl';
import { Caller } from '../service/caller';
import { CostOverviewService } from './CostOverviewService';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-12-10T12:00:00Z');
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const admin = { ref: 'user:default/root' };
// Alice reads team A's deployments only; everyone else reads all.
const ALICE = 'user:default/alice';

const caller = (ref: string): Caller => ({
  request: {} as Caller['request'],
  credentials: async () => mockCredentials.user(ref),
});

/** An estimate of one line of `monthly` dollars: 730 hours at monthly ÷ 730. */
function estimateOf(monthly: number): CostEstimate {
  return {
    currency: 'USD',
    monthlyTotal: monthly,
    pricedSubtotal: monthly,
    totalKind: 'exact',
    complete: true,
    missingLines: 0,
    approximateFrom: [],
    lines: [
      {
        description: 'Instance hours',
        quantity: 730,
        unit: 'hour',
        unitPrice: monthly / 730,
        monthlyCost: monthly,
        sku: 'x',
        region: 'europe-west1',
        kind: 'exact',
      },
    ],
    assumptions: {},
    warnings: [],
    estimatedAt: NOW.toISOString(),
  } as unknown as CostEstimate;
}

describe.each(databases.eachSupportedId())(
  'CostOverviewService on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseDeploymentStore;
    let service: CostOverviewService;
    let budgetStore: DatabaseBudgetStore;
    let authorizer: DeploymentAuthorizer;
    let budgets: BudgetService;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseDeploymentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        tasks: TaskQueue,
      });
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        authorizeConditional: async (requests, options) =>
          requests.map((): PolicyDecision => {
            const principal = options.credentials.principal as {
              userEntityRef?: string;
            };
            return principal.userEntityRef === ALICE
              ? {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'cloud-deployments',
                  resourceType: 'cloud-deployment',
                  conditions: {
                    rule: 'IS_OWNER',
                    resourceType: 'cloud-deployment',
                    params: { claims: [TEAM_A] },
                  },
                }
              : { result: AuthorizeResult.ALLOW };
          }),
      });
      authorizer = new DeploymentAuthorizer({
        permissions,
        rules: {
          getRuleByName: name =>
            Object.values(cloudDeploymentPermissionRules).find(
              r => r.name === name,
            )!,
        },
      });
      budgetStore = new DatabaseBudgetStore({ knex });
      budgets = new BudgetService({
        store: budgetStore,
        knex,
        permissions,
        authorizer,
        auditor: mockServices.auditor.mock(),
      });
      service = new CostOverviewService({
        knex,
        authorizer,
        budgets,
        clock: () => NOW,
      });
    });

    let names = 0;
    /** A deployment made through the store, then set to a status and an estimate. */
    async function deployment(options: {
      owner: string;
      environment: string;
      monthly: number | null;
      status?: string;
      name?: string;
      createdAt?: string;
    }) {
      const created = await store.createDeployment(
        toNewDeployment({
          ...cloudRunRequest,
          name: options.name ?? `d-${++names}`,
          owner: options.owner,
          environment: options.environment,
        }),
        admin,
      );
      await knex('deployments')
        .where({ id: created.id })
        .update({
          status: options.status ?? 'active',
          estimate:
            options.monthly === null
              ? null
              : JSON.stringify(estimateOf(options.monthly)),
          ...(options.createdAt
            ? { created_at: new Date(options.createdAt).toISOString() }
            : {}),
        });
      await knex('deployment_revisions')
        .where({ deployment_id: created.id })
        .update({
          monthly_cost: options.monthly,
          cost_kind: options.monthly === null ? 'unknown' : 'exact',
          ...(options.createdAt
            ? { created_at: new Date(options.createdAt).toISOString() }
            : {}),
        });
      return created.id;
    }

    /** [day, estimated, actual] rows of a deployment. */
    async function days(
      id: string,
      rows: Array<[string, number | null, number | null]>,
    ) {
      for (const [day, estimated, actual] of rows) {
        await knex('deployment_daily_costs').insert({
          deployment_id: id,
          day,
          billing_hours: 24,
          running_hours: 24,
          estimated,
          estimate_kind: estimated === null ? 'unknown' : 'exact',
          actual,
          actual_kind: actual === null ? null : 'billed',
          actual_source: actual === null ? null : 'test-billing',
          actual_currency: actual === null ? null : 'USD',
          actual_read_at: actual === null ? null : NOW.toISOString(),
          updated_at: NOW.toISOString(),
        });
      }
    }

    it('puts each budget beside its month so far and forecast, by hand', async () => {
      // d1: team A in production, $73 a month ($0.10 an hour): $10 billed
      // on the 8th, $5 estimated on the 9th, $1.20 today so far; November
      // is another month.
      const d1 = await deployment({
        owner: TEAM_A,
        environment: 'production',
        monthly: 73,
      });
      await days(d1, [
        ['2026-11-30', 99, 99],
        ['2026-12-08', 10, 10],
        ['2026-12-09', 5, null],
        ['2026-12-10', 1.2, null],
      ]);
      // d2: team A in staging, $730 a month ($1 an hour), $50 billed.
      const d2 = await deployment({
        owner: TEAM_A,
        environment: 'staging',
        monthly: 730,
      });
      await days(d2, [['2026-12-09', 50, 50]]);
      // d3: team B, no estimate, a day with no figure.
      const d3 = await deployment({
        owner: TEAM_B,
        environment: 'production',
        monthly: null,
      });
      await days(d3, [['2026-12-09', null, null]]);
      // Not billing: left out of the forecast.
      await deployment({
        owner: TEAM_A,
        environment: 'production',
        monthly: 730,
        status: 'destroyed',
      });
      const production = await budgetStore.createBudget(
        {
          owner: TEAM_A,
          environment: 'production',
          amount: 100,
          thresholds: [50, 80, 100],
        },
        admin,
      );
      const teamA = await budgetStore.createBudget(
        { owner: TEAM_A, amount: 500, thresholds: [50, 100] },
        admin,
      );
      const teamB = await budgetStore.createBudget(
        { owner: TEAM_B, amount: 10, thresholds: [80] },
        admin,
      );

      const report = await service.budgetSpend({}, caller(admin.ref));
      expect(report).toMatchObject({
        month: '2026-12',
        asOf: NOW.toISOString(),
      });
      const byId = new Map(report.items.map(i => [i.budget.id, i]));
      // 21.5 days = 516 hours to the month's end. Production: $10 + $6.20
      // so far = $16.20; + $0.10 × 516 = $51.60: $67.80, 67.8 % of $100.
      expect(byId.get(production.id)).toMatchObject({
        monthToDate: {
          actual: 10,
          estimated: 6.2,
          total: 16.2,
          withoutFigure: 0,
          kind: 'exact',
        },
        forecast: 67.8,
        forecastKind: 'exact',
        monthToDatePercent: 16.2,
        forecastPercent: 67.8,
        crossedToDate: [],
        crossedByForecast: [50],
        overToDate: false,
        overByForecast: false,
      });
      expect(byId.get(production.id)!.budget.use.monthlyCost).toBe(73);
      // All of team A: $60 + $6.20 = $66.20 so far; + $51.60 + $1 × 516
      // = $633.80, 126.8 % of $500: over.
      expect(byId.get(teamA.id)).toMatchObject({
        monthToDate: { actual: 60, estimated: 6.2, total: 66.2 },
        forecast: 633.8,
        monthToDatePercent: 13.2,
        forecastPercent: 126.8,
        crossedToDate: [],
        crossedByForecast: [50, 100],
        overToDate: false,
        overByForecast: true,
      });
      // Team B: nothing has a figure: unknown, not $0.
      const unknown = byId.get(teamB.id)!;
      expect(unknown).toMatchObject({
        monthToDate: { withoutFigure: 1, kind: 'unknown' },
        forecast: null,
        forecastKind: 'unknown',
        crossedToDate: [],
        crossedByForecast: [],
        overByForecast: false,
      });
      expect(unknown.forecastPercent).toBeUndefined();
      expect(unknown.monthToDatePercent).toBeUndefined();

      // Alice reads team A's deployments only: team B's budget counts none
      // of them (a known $0), and team A's are as above.
      const hers = await service.budgetSpend({}, caller(ALICE));
      const herById = new Map(hers.items.map(i => [i.budget.id, i]));
      expect(herById.get(teamB.id)).toMatchObject({
        monthToDate: { total: 0, withoutFigure: 0, kind: 'exact' },
        forecast: 0,
      });
      expect(herById.get(teamA.id)!.forecast).toBe(633.8);

      await expect(
        service.budgetSpend({ month: '2026-12' }, caller(admin.ref)),
      ).rejects.toThrow(/month/);
    });

    /** A deployment its TTL destroyed at `at`, as reconciliation does it. */
    async function ttlDestroyed(
      id: string,
      at: string,
      then: 'destroyed' | 'failed' = 'destroyed',
    ) {
      await store.transitionDeployment(id, 'destroying', {
        actor: ENGINE_ACTOR,
        from: ['active'],
        reason: ttlExpiryReason('P4D'),
      });
      await store.transitionDeployment(id, then, { actor: ENGINE_ACTOR });
      await knex('deployment_events')
        .where({ deployment_id: id, type: 'status' })
        .update({ created_at: new Date(at).toISOString() });
    }

    it('adds up what TTL destroys saved, with a recreation and a missing estimate, by hand', async () => {
      const created = '2026-12-01T00:00:00Z';
      // $73 a month ($0.10 an hour), destroyed 120 hours ago: $12.00.
      const one = await deployment({
        owner: TEAM_A,
        environment: 'development',
        monthly: 73,
        name: 'preview-1',
        createdAt: created,
      });
      await ttlDestroyed(one, '2026-12-05T12:00:00Z');
      // $146 a month ($0.20 an hour), destroyed on the 8th at noon, made
      // again a day later: 24 hours, $4.80, and no longer avoided.
      const two = await deployment({
        owner: TEAM_A,
        environment: 'development',
        monthly: 146,
        name: 'preview-2',
        createdAt: created,
      });
      await ttlDestroyed(two, '2026-12-08T12:00:00Z');
      await deployment({
        owner: TEAM_A,
        environment: 'development',
        monthly: 146,
        name: 'preview-2',
        createdAt: '2026-12-09T12:00:00Z',
      });
      // The same name in another environment is another deployment.
      await deployment({
        owner: TEAM_A,
        environment: 'staging',
        monthly: 146,
        name: 'preview-1',
        createdAt: '2026-12-06T00:00:00Z',
      });
      // No priced estimate: counted, never $0.
      const three = await deployment({
        owner: TEAM_B,
        environment: 'development',
        monthly: null,
        name: 'preview-3',
        createdAt: created,
      });
      await ttlDestroyed(three, '2026-12-09T12:00:00Z');
      // Destroyed by a person, and a TTL destroy that failed: no saving.
      const manual = await deployment({
        owner: TEAM_A,
        environment: 'development',
        monthly: 73,
        createdAt: created,
      });
      await store.transitionDeployment(manual, 'destroying', {
        actor: admin,
        reason: 'No longer needed',
      });
      await store.transitionDeployment(manual, 'destroyed', {
        actor: ENGINE_ACTOR,
      });
      const failed = await deployment({
        owner: TEAM_A,
        environment: 'development',
        monthly: 73,
        createdAt: created,
      });
      await ttlDestroyed(failed, '2026-12-05T12:00:00Z', 'failed');

      const report = await service.ttlSavings({}, caller(admin.ref));
      expect(report.period).toBe('month');
      expect(
        report.deployments.map(d => [
          d.name,
          d.hours,
          d.saved,
          !!d.recreatedAt,
        ]),
      ).toEqual([
        ['preview-1', 120, 12, false],
        ['preview-2', 24, 4.8, true],
        ['preview-3', 24, null, false],
      ]);
      expect(report.total).toEqual({
        deployments: 3,
        saved: 16.8,
        monthlyAvoided: 73,
        withoutEstimate: 1,
        kind: 'partial',
      });
      expect(report.owners.map(o => [o.owner, o.saved, o.kind])).toEqual([
        [TEAM_A, 16.8, 'exact'],
        [TEAM_B, null, 'unknown'],
      ]);

      const hers = await service.ttlSavings({ period: 'all' }, caller(ALICE));
      expect(hers.owners.map(o => o.owner)).toEqual([TEAM_A]);
      expect(hers.total).toMatchObject({ deployments: 2, saved: 16.8 });

      await expect(
        service.ttlSavings({ period: 'year' }, caller(admin.ref)),
      ).rejects.toThrow(/period: must be one of month, 30d, all/);
    });

    it('ranks movers over the deployments the caller may read', async () => {
      // Team A: $10 a day, then $20 (+$10); team B: $30, then $6 (−$24).
      const a = await deployment({
        owner: TEAM_A,
        environment: 'production',
        monthly: 300,
      });
      await days(a, [
        ['2026-12-08', 10, 10],
        ['2026-12-09', 20, 20],
      ]);
      const b = await deployment({
        owner: TEAM_B,
        environment: 'production',
        monthly: 300,
      });
      await days(b, [
        ['2026-12-08', 30, null],
        ['2026-12-09', 6, 6],
      ]);
      const movers = await service.movers({ days: '1' }, caller(admin.ref));
      expect(movers.recent).toEqual({ from: '2026-12-09', to: '2026-12-10' });
      expect(movers.up.map(m => [m.id, m.change, m.relative])).toEqual([
        [a, 10, 1],
      ]);
      expect(movers.down.map(m => [m.id, m.change, m.relative])).toEqual([
        [b, -24, -0.8],
      ]);
      expect(movers.down[0].previous.basis).toBe('estimated');
      const hers = await service.movers({ days: '1' }, caller(ALICE));
      expect(hers.up.map(m => m.id)).toEqual([a]);
      expect(hers.down).toEqual([]);
      await expect(
        service.movers({ days: '46' }, caller(admin.ref)),
      ).rejects.toThrow(/days/);
    });

    /** Gives a deployment's stored estimate these emissions (none: an estimate from before them). */
    async function withEmissions(
      id: string,
      emissions: Partial<EmissionsEstimate> & { knownSubtotalGrams: number },
      gridYears = ['2021'],
    ) {
      const estimate: CostEstimate = {
        ...estimateOf(10),
        emissions: {
          unit: 'gCO2e',
          monthlyTotalGrams: emissions.knownSubtotalGrams,
          totalKind: 'exact',
          missingLines: 0,
          approximateFrom: [],
          lines: [],
          assumptions: {},
          warnings: [],
          dataset: { builtAt: '2026-12-01', gridYears, sources: [] },
          ...emissions,
        },
      };
      await knex('deployments')
        .where({ id })
        .update({ estimate: JSON.stringify(estimate) });
    }

    it('sums the emissions of billing and stopped deployments per owner and in total, by hand, never 0 for unknown', async () => {
      const a = (status: string) =>
        deployment({
          owner: TEAM_A,
          environment: 'production',
          monthly: 10,
          status,
        });
      const b = (status: string, monthly: number | null = 10) =>
        deployment({
          owner: TEAM_B,
          environment: 'production',
          monthly,
          status,
        });
      // Team A: 3,017 g exact, a stopped one's 500.4 g approximate (2022
      // grid), one estimated before emissions were; a destroyed one is not counted.
      await withEmissions(await a('active'), { knownSubtotalGrams: 3017 });
      await withEmissions(
        await a('stopped'),
        { knownSubtotalGrams: 500.4, totalKind: 'approximate' },
        ['2022'],
      );
      await a('active');
      await withEmissions(await a('destroyed'), { knownSubtotalGrams: 9999 });
      // Team B: 1,000 g known with a line missing, and no estimate at all.
      await withEmissions(await b('updating'), {
        knownSubtotalGrams: 1000,
        monthlyTotalGrams: null,
        totalKind: 'partial',
        missingLines: 1,
      });
      await b('provisioning', null);

      const all = await service.emissions({}, caller(admin.ref));
      expect(all).toEqual({
        asOf: NOW.toISOString(),
        total: {
          deployments: 5,
          knownGrams: 4517.4,
          kind: 'partial',
          notEstimated: 2,
          partial: 1,
        },
        owners: [
          {
            owner: TEAM_A,
            deployments: 3,
            knownGrams: 3517.4,
            kind: 'partial',
            notEstimated: 1,
            partial: 0,
          },
          {
            owner: TEAM_B,
            deployments: 2,
            knownGrams: 1000,
            kind: 'partial',
            notEstimated: 1,
            partial: 1,
          },
        ],
        gridYears: ['2021', '2022'],
        datasetsBuiltAt: ['2026-12-01'],
        stopped: 1,
      });

      // Alice reads team A's only.
      const hers = await service.emissions({}, caller(ALICE));
      expect(hers.total).toEqual({
        deployments: 3,
        knownGrams: 3517.4,
        kind: 'partial',
        notEstimated: 1,
        partial: 0,
      });
      expect(hers.owners.map(o => o.owner)).toEqual([TEAM_A]);
    });

    it('gives an estimate stored before emissions its emissions from the spec, as the deployment page reads it', async () => {
      const estimates = new EstimationService({
        catalog: PriceCatalog.fromSnapshot(testSnapshot),
      });
      const reading = new CostOverviewService({
        knex,
        authorizer,
        budgets,
        estimates,
        clock: () => NOW,
      });
      // Stored without emissions, and without any estimate.
      await deployment({
        owner: TEAM_A,
        environment: 'production',
        monthly: 10,
      });
      await deployment({
        owner: TEAM_A,
        environment: 'production',
        monthly: null,
      });
      const expected = estimates.emissionsOf(
        toNewDeployment(cloudRunRequest).spec as DeploymentSpec,
      );
      expect(expected.monthlyTotalGrams).toBeGreaterThan(0);
      const { total } = await reading.emissions({}, caller(admin.ref));
      expect(total).toEqual({
        deployments: 2,
        knownGrams: Math.round(expected.knownSubtotalGrams * 10) / 10,
        kind: 'partial',
        notEstimated: 1,
        partial: 0,
      });
    });

    it('says unknown, not 0, when no deployment has an emissions figure, and 0 only when none is counted', async () => {
      const none = await service.emissions({}, caller(admin.ref));
      expect(none.total).toEqual({
        deployments: 0,
        knownGrams: 0,
        kind: 'exact',
        notEstimated: 0,
        partial: 0,
      });
      await deployment({
        owner: TEAM_B,
        environment: 'production',
        monthly: 10,
      });
      const unknown = await service.emissions({}, caller(admin.ref));
      expect(unknown.total).toEqual({
        deployments: 1,
        knownGrams: null,
        kind: 'unknown',
        notEstimated: 1,
        partial: 0,
      });
      expect(unknown.gridYears).toEqual([]);
      await expect(
        service.emissions({ owner: TEAM_A }, caller(admin.ref)),
      ).rejects.toThrow(/owner/);
    });
  },
);
