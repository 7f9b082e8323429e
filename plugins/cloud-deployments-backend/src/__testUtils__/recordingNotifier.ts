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
import { mockServices } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import { DeploymentNotifier } from '../notifications/DeploymentNotifier';

/**
 * A real DeploymentNotifier over notifications and signals services that
 * keep what they were given, for tests that look at what was sent without a
 * notifications backend.
 */
export function recordingNotifier() {
  const sent: NotificationSendOptions[] = [];
  const signals: SignalPayload[] = [];
  const notifications: NotificationService = {
    send: async options => {
      sent.push(options);
    },
  };
  const signalsService: SignalsService = {
    publish: async signal => {
      signals.push(signal as SignalPayload);
    },
  };
  const notifier = DeploymentNotifier.create({
    notifications,
    signals: signalsService,
    logger: mockServices.logger.mock(),
  });
  return { notifier, sent, signals };
}
