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
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { useSearchParams } from 'react-router-dom';
import { BUILT_IN_VIEWS, currentView } from './views';

/**
 * The built-in views as links; the one shown is marked. Other parameters of
 * the page's URL are dropped: a view is the whole query string.
 *
 * @internal
 */
export function DeploymentViews() {
  const [searchParams] = useSearchParams();
  const shown = currentView(searchParams);
  return (
    <Box
      component="nav"
      aria-label="Views"
      display="flex"
      flexWrap="wrap"
      gridGap={8}
      mb={2}
    >
      {BUILT_IN_VIEWS.map(view => {
        const selected = shown?.id === view.id;
        return (
          <Link
            key={view.id}
            to={`?${view.query}`}
            underline="none"
            aria-current={selected ? 'page' : undefined}
          >
            <Chip
              label={view.label}
              color={selected ? 'primary' : 'default'}
              variant={selected ? 'default' : 'outlined'}
            />
          </Link>
        );
      })}
    </Box>
  );
}
