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
import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import {
  AlertDisplay,
  OAuthRequestDialog,
  SignInPage,
} from '@backstage/core-components';
import {
  CloudDeploymentsPage,
  cloudDeploymentsPlugin,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments';
import { Navigate, Route } from 'react-router-dom';

// A legacy frontend system app as most Backstage apps are, wired as the
// README's "Install into your Backstage app" says.
const app = createApp({
  plugins: [cloudDeploymentsPlugin],
  components: {
    SignInPage: props => <SignInPage {...props} auto providers={['guest']} />,
  },
});

export default app.createRoot(
  <>
    <AlertDisplay />
    <OAuthRequestDialog />
    <AppRouter>
      <FlatRoutes>
        <Route path="/" element={<Navigate to="cloud-deployments" />} />
        <Route path="/cloud-deployments" element={<CloudDeploymentsPage />} />
      </FlatRoutes>
    </AppRouter>
  </>,
);
