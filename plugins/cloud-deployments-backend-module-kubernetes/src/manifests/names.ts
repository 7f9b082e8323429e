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

// The name rules of Kubernetes (apimachinery's validation), in one place for
// the config, the manifests the portal builds and those it checks.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: namespaces, container names. */
export const isDnsLabel = (v: string) => v.length <= 63 && DNS_LABEL.test(v);

/** A DNS-1035 label: Service names (starts with a letter). */
export const isDns1035Label = (v: string) =>
  v.length <= 63 && DNS_1035_LABEL.test(v);

/** A DNS-1123 subdomain: most object names, label key prefixes. */
export const isDnsSubdomain = (v: string) =>
  v.length <= 253 && DNS_SUBDOMAIN.test(v);

/** The name part of a label key. */
export const isLabelName = (v: string) => v.length <= 63 && LABEL_NAME.test(v);

/** A label value (may be empty). */
export const isLabelValue = (v: string) =>
  v.length <= 63 && LABEL_VALUE.test(v);

/** A port name (IANA service name): at most 15, with a letter. */
export const isPortName = (v: string) =>
  v.length <= 15 && IANA_SVC_NAME.test(v);
