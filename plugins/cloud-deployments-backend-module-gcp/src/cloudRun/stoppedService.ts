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
import { protos } from '@google-cloud/run';

type IService = protos.google.cloud.run.v2.IService;
const { ScalingMode } = protos.google.cloud.run.v2.ServiceScaling;

/**
 * The label `stop` puts on a service it scaled to zero, so that the Cloud
 * Run console shows who stopped it and why it serves nothing.
 */
export const STOPPED_LABEL = 'cloud-deployments-stopped';

/**
 * Whether the service is scaled to zero: manual scaling (the service-level
 * `scaling`, beside the revisions' autoscaling) with no instance, so that
 * nothing runs, serves or bills, whoever set it.
 */
export function isScaledToZero(service: IService): boolean {
  const scaling = service.scaling;
  const mode =
    typeof scaling?.scalingMode === 'number'
      ? ScalingMode[scaling.scalingMode]
      : scaling?.scalingMode;
  return mode === 'MANUAL' && Number(scaling?.manualInstanceCount ?? 0) === 0;
}

/**
 * The service as read, scaled to zero and labelled stopped; its revision
 * template (image, resources, the spec's min and max instances) is kept,
 * so no revision is deployed and `start` has the spec's scaling back by
 * dropping the manual scaling.
 */
export function stoppedService(service: IService): IService {
  return {
    ...service,
    labels: { ...service.labels, [STOPPED_LABEL]: 'true' },
    scaling: { scalingMode: 'MANUAL', manualInstanceCount: 0 },
  };
}

/**
 * The service as read, without the manual scaling and label of
 * `stoppedService`: the revisions' autoscaling, the spec's, applies again.
 */
export function startedService(service: IService): IService {
  const { [STOPPED_LABEL]: _stopped, ...labels } = service.labels ?? {};
  const { scaling: _scaling, ...rest } = service;
  return { ...rest, labels };
}
