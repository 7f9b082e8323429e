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
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import {
  EntityRefLink,
  EntityRefLinkProps,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { formatEntityRef } from '../../utils/formatEntityRef';

/**
 * Props of {@link EntityLink}.
 *
 * @internal
 */
export type EntityLinkProps = {
  /** An entity ref, e.g. `group:default/ml-team`. */
  entityRef: string;
  color?: EntityRefLinkProps['color'];
};

/**
 * An entity's name, linking to its catalog page when the catalog's entity
 * pages are mounted in the app; its short ref as text when they are not.
 *
 * @internal
 */
export function EntityLink(props: EntityLinkProps) {
  const { entityRef, color } = props;
  const entityRoute = useRouteRefIfMounted(entityRouteRef);
  if (!entityRoute) {
    return <span title={entityRef}>{formatEntityRef(entityRef)}</span>;
  }
  return <EntityRefLink entityRef={entityRef} color={color} hideIcon />;
}
