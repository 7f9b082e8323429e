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
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { existsSync } from 'node:fs';
import { createPrecompressedAssetsMiddleware } from './createPrecompressedAssetsMiddleware';

/**
 * Serves the built app's precompressed assets ahead of the app backend
 * (modules start before their plugin, so this handler comes first on the
 * app's router). Off with `app.precompressedAssets.enabled: false`; idle when
 * the app has no build (the dev server serves it then).
 */
export const appModulePrecompressedAssets = createBackendModule({
  pluginId: 'app',
  moduleId: 'precompressed-assets',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, httpRouter }) {
        if (
          config.getOptionalBoolean('app.precompressedAssets.enabled') === false
        ) {
          logger.info('Precompressed assets are off');
          return;
        }
        const appPackageName =
          config.getOptionalString('app.packageName') ?? 'app';
        const staticDir = resolvePackagePath(appPackageName, 'dist', 'static');
        if (!existsSync(staticDir)) return;
        const router = Router();
        router.use(
          '/static',
          createPrecompressedAssetsMiddleware({ staticDir, logger }),
        );
        httpRouter.use(router);
      },
    });
  },
});
