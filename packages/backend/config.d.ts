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

export interface Config {
  app?: {
    /** How the backend serves the app's build (packages/app/dist). */
    precompressedAssets?: {
      /**
       * Serve the brotli and gzip files the app's build writes beside its
       * hashed assets, with immutable caching. When false, the app backend
       * serves the plain files and the compression middleware compresses
       * each response. Default: true.
       */
      enabled?: boolean;
    };
  };
}
