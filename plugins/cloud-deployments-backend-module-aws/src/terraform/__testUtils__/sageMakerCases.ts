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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { sageMakerDeployment } from '../../__testUtils__/sageMakerFixtures';
import { SageMakerAccount } from '../../sagemaker/readSageMakerConfig';
import { resourceNames } from '../../sagemaker/resourceNames';

// The account, fields and expected outcomes of the SageMaker render tests.
// Not part of the package's API.

export const ACCOUNT: SageMakerAccount = {
  id: 'prod',
  executionRoleArn: 'arn:aws:iam::123456789012:role/SageMakerExecution',
  regions: ['us-east-1', 'cn-north-1'],
  credentials: {
    accessKeyId: 'AKIARENDERTESTKEY001',
    secretAccessKey: 'render-test-secret-never-written',
    sessionToken: 'render-test-session-never-written',
  },
};

/** The references the renderer writes itself: the only templates allowed. */
export const REFERENCES =
  /^\$\{(var\.execution_role_arn|aws_sagemaker_(model|endpoint_configuration|endpoint)\.this\.(name|arn))\}$/;

export const MODEL = 'main.tf.json/resource/aws_sagemaker_model/this';
export const CONFIG =
  'main.tf.json/resource/aws_sagemaker_endpoint_configuration/this';
export const ENDPOINT = 'main.tf.json/resource/aws_sagemaker_endpoint/this';

/** The free-text fields a hostile value can reach, and where it lands. */
export const FIELDS: Record<
  string,
  {
    deployment: (value: string) => Deployment;
    /** Where the value lands… */
    paths: string[];
    /** …as this string, once Terraform has read it. */
    written: (value: string) => string;
  }
> = {
  'image tag': {
    deployment: v =>
      sageMakerDeployment({
        artifact: {
          image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:${v}`,
        },
      }),
    paths: [`${MODEL}/primary_container/image`],
    written: v => `123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:${v}`,
  },
  'model URL path': {
    deployment: v =>
      sageMakerDeployment({ artifact: { modelDataUrl: `s3://models/${v}` } }),
    paths: [`${MODEL}/primary_container/model_data_url`],
    written: v => `s3://models/${v}`,
  },
  name: {
    deployment: v => sageMakerDeployment({ name: v }),
    paths: [`${ENDPOINT}/name`],
    written: v => v,
  },
  'environment variable': {
    deployment: v => {
      const d = sageMakerDeployment();
      return { ...d, spec: { ...d.spec, env: { MODEL_LABEL: v } } };
    },
    paths: [`${MODEL}/primary_container/environment/MODEL_LABEL`],
    written: v => v,
  },
  'tag value (deployment id)': {
    deployment: v => sageMakerDeployment({ id: v }),
    paths: [MODEL, CONFIG, ENDPOINT].map(r => `${r}/tags/cloud-deployments-id`),
    written: v => v,
  },
};

type Outcome = 'data' | 'refused';

const row = (
  image: Outcome,
  modelDataUrl: Outcome,
  tag: Outcome = 'data',
  env: Outcome = tag,
): Record<string, Outcome> => ({
  'image tag': image,
  'model URL path': modelDataUrl,
  name: 'refused',
  'environment variable': env,
  'tag value (deployment id)': tag,
});

/**
 * What render does with each hostile value in each field: `data` (written
 * escaped, read back intact) or `refused` (an InputError: SageMaker's rules,
 * a value over 4096 characters, or a lone surrogate).
 */
export const EXPECTED: Record<string, Record<string, Outcome>> = {
  'double quotes': row('data', 'data'),
  backslashes: row('data', 'data'),
  interpolation: row('data', 'data'),
  'interpolation of variables': row('data', 'data'),
  directive: row('refused', 'data'),
  'directive without spaces': row('data', 'data'),
  'escapes already': row('data', 'data'),
  'heredoc marker': row('data', 'data'),
  'heredoc with newlines': row('refused', 'refused'),
  newlines: row('refused', 'refused'),
  'YAML document marker': row('data', 'data'),
  'YAML anchors': row('refused', 'data'),
  'unicode look-alikes': row('data', 'data'),
  'zero-width characters': row('data', 'data'),
  'bidi controls': row('data', 'data'),
  'JSON in a string': row('data', 'data'),
  // Over SageMaker's 1024 characters for an environment value.
  '4000 characters of template starts': row(
    'refused',
    'data',
    'data',
    'refused',
  ),
  'a megabyte of template starts': row('refused', 'refused', 'refused'),
  'a megabyte of plain text': row('refused', 'refused', 'refused'),
  'lone surrogate': row('refused', 'refused', 'refused'),
};

/** The model and endpoint configuration name of a deployment's spec. */
export const revisionOf = (deployment: Deployment) =>
  resourceNames(deployment, {
    ...deployment.spec.artifact,
    ...deployment.spec.compute,
    executionRoleArn: ACCOUNT.executionRoleArn,
    env: deployment.spec.env,
  }).revision;
