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
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { PolicyEngine } from './PolicyEngine';

const forbid = (annotations: string, when = 'resource.gpuCount > 0') =>
  `${annotations}
forbid (principal, action == CloudDeployments::Action::"deploy", resource)
when { ${when} };
`;

const load = (...texts: string[]) =>
  PolicyEngine.fromSources(
    texts.map((text, i) => ({ name: `file-${i + 1}`, text })),
  );

describe('loading policy files', () => {
  it('loads several policies of several files under their ids', () => {
    const engine = load(
      forbid('@id("one") @message("One.")') +
        forbid('@id("two") @message("Two.")'),
      forbid('@id("three") @message("Three.")'),
    );
    expect(engine.policyIds).toEqual(['one', 'two', 'three']);
  });

  it.each([
    [
      'a policy without @id',
      [forbid('@message("No id.")')],
      'Policy file "file-1": the policy (line 1) needs an @id("kebab-case-name") annotation',
    ],
    [
      'an @id that is not kebab-case',
      [forbid('@id("No Id") @message("Bad id.")')],
      'Policy file "file-1": the policy (line 1) needs an @id("kebab-case-name") annotation, not @id("No Id")',
    ],
    [
      'a policy without @message',
      [`// a comment\n${forbid('@id("silent")')}`],
      'Policy file "file-1": policy "silent" (line 2) needs a @message("...") annotation saying why it matched',
    ],
    [
      'an id used in two files',
      [
        forbid('@id("twice") @message("A.")'),
        forbid('@id("twice") @message("B.")'),
      ],
      'Policy file "file-2": policy "twice" (line 1) has the id of a policy in policy file "file-1"; ids must be unique',
    ],
    [
      'a permit',
      ['@id("let-in") @message("In.")\npermit (principal, action, resource);'],
      'Policy file "file-1": policy "let-in" (line 1) is a permit; policy files hold forbid rules only',
    ],
    [
      'a template',
      [
        '@id("slot") @message("S.")\nforbid (principal == ?principal, action, resource);',
      ],
      'Policy file "file-1" holds a template',
    ],
    [
      'a file without policies',
      ['// nothing here\n'],
      'Policy file "file-1" holds no policy',
    ],
    [
      'a syntax error',
      [`\n\n${forbid('@id("broken") @message("B.")', 'resource.gpuCount >')}`],
      'Policy file "file-1" is not valid Cedar: ',
    ],
    [
      'an attribute the schema does not have',
      [`\n${forbid('@id("typo") @message("T.")', 'resource.gpus > 0')}`],
      'Policy file "file-1": policy "typo" does not fit the schema: ',
    ],
    [
      'a decimal compared with >',
      [
        forbid(
          '@id("cost") @message("C.")',
          'context.monthlyCost > decimal("1.0")',
        ),
      ],
      'Policy file "file-1": policy "cost" does not fit the schema: ',
    ],
    [
      'the optional budget read without has',
      [forbid('@id("budget") @message("B.")', 'context.budget.exceeded')],
      'Policy file "file-1": policy "budget" does not fit the schema: ',
    ],
    [
      'an action the schema does not have',
      [
        '@id("act") @message("A.")\nforbid (principal, action == CloudDeployments::Action::"destroy", resource);',
      ],
      'Policy file "file-1": policy "act" does not fit the schema: ',
    ],
  ])('refuses %s at startup', (_, texts, message) => {
    expect(() => load(...texts)).toThrow(message);
  });

  it('gives the line of a syntax error and of a schema error in the file', () => {
    expect(() =>
      load(
        `\n\n${forbid('@id("broken") @message("B.")', 'resource.gpuCount >')}`,
      ),
    ).toThrow(/\(line 5\)/);
    expect(() =>
      load(
        `${forbid('@id("ok") @message("O.")')}\n${forbid(
          '@id("typo") @message("T.")',
          'resource.gpus > 0',
        )}`,
      ),
    ).toThrow(/policy "typo" does not fit the schema: .*gpus.* \(line 7\)/);
    expect(() =>
      load(forbid('@id("budget") @message("B.")', 'context.budget.exceeded')),
    ).toThrow(
      /try testing for the attribute's presence with `context has budget/,
    );
  });

  it('refuses a file listed twice', () => {
    const text = forbid('@id("one") @message("One.")');
    expect(() =>
      PolicyEngine.fromSources([
        { name: 'same', text },
        { name: 'same', text },
      ]),
    ).toThrow('Policy file "same" is listed twice');
  });
});

describe('PolicyEngine.fromConfig', () => {
  it('reads cloudDeployments.policies and says how many it loaded', () => {
    const logger = mockServices.logger.mock();
    const engine = PolicyEngine.fromConfig(
      new ConfigReader({
        cloudDeployments: {
          policies: [
            { name: 'a', cedar: forbid('@id("one") @message("One.")') },
            {
              name: 'b',
              cedar:
                forbid('@id("two") @message("Two.")') +
                forbid('@id("three") @message("Three.")'),
            },
          ],
        },
      }),
      logger,
    );
    expect(engine.policyIds).toEqual(['one', 'two', 'three']);
    expect(logger.info).toHaveBeenCalledWith(
      '3 policies from 2 files: one, two, three',
    );
  });

  it('allows everything without policies, and says so', () => {
    const logger = mockServices.logger.mock();
    const engine = PolicyEngine.fromConfig(new ConfigReader({}), logger);
    expect(engine.policyIds).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      'no policies: every request is allowed',
    );
  });

  it('names the missing key of an entry', () => {
    expect(() =>
      PolicyEngine.fromConfig(
        new ConfigReader({ cloudDeployments: { policies: [{ name: 'a' }] } }),
        mockServices.logger.mock(),
      ),
    ).toThrow(/cloudDeployments\.policies\[0\]\.cedar/);
  });
});
