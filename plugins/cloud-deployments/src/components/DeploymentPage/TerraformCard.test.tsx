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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { TerraformCard } from './TerraformCard';

describe('TerraformCard', () => {
  it.each(['sdk', 'kubernetes'] as const)(
    'says a deployment with the %s engine is not provisioned through Terraform',
    async engine => {
      await renderInTestApp(<TerraformCard engine={engine} />);

      expect(
        screen.getByText(/Not provisioned through Terraform/),
      ).toHaveTextContent(`uses the ${engine} engine`);
    },
  );

  it('shows no plan or state of its own for a Terraform deployment', async () => {
    await renderInTestApp(<TerraformCard engine="terraform" />);

    expect(screen.getByText(/not shown here yet/)).toBeInTheDocument();
    expect(
      screen.queryByText(/Not provisioned through Terraform/),
    ).not.toBeInTheDocument();
  });
});
