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
  Filter,
  GetProductsCommand,
  GetProductsCommandOutput,
  PricingClient,
} from '@aws-sdk/client-pricing';

const PAGE_SIZE = 100;

/** One page of `GetProducts`, its errors saying which service, region and how many attempts. */
export async function getProducts(
  client: PricingClient,
  serviceCode: string,
  region: string,
  filters: Filter[],
  nextToken: string | undefined,
  signal?: AbortSignal,
): Promise<GetProductsCommandOutput> {
  try {
    return await client.send(
      new GetProductsCommand({
        ServiceCode: serviceCode,
        Filters: filters,
        MaxResults: PAGE_SIZE,
        NextToken: nextToken,
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    const e = error as Error & { $metadata?: { attempts?: number } };
    const attempts = e.$metadata?.attempts;
    throw new Error(
      `AWS Pricing API GetProducts for ${serviceCode} in ${region} failed${
        attempts ? ` after ${attempts} attempt(s)` : ''
      }: ${e.name}: ${e.message}`,
      { cause: error },
    );
  }
}
