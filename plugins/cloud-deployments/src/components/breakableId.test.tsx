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
import { render } from '@testing-library/react';
import { breakableId, breakableWords } from './breakableId';

/** The text of each piece the browser may put on a line of its own. */
function pieces(node: ReturnType<typeof breakableWords>): string[] {
  const { container } = render(<p>{node}</p>);
  const p = container.querySelector('p')!;
  const out: string[] = [''];
  p.childNodes.forEach(child => {
    if (child.nodeName === 'WBR') out.push('');
    else out[out.length - 1] += child.textContent ?? '';
  });
  return out;
}

describe('breakableWords', () => {
  it('marks the separators of an id-like name, so that it breaks only there', () => {
    expect(
      pieces(breakableWords('Creating container group web-7f3a in eastus')),
    ).toEqual(['Creating container group web-', '7f3a in eastus']);
  });

  it('leaves prose, money and dates whole', () => {
    const text = 'Costs $29.57 a month from 2026-12-07, as estimated';
    expect(breakableWords(text)).toBe(text);
  });

  it('breaks a long URL after its separators', () => {
    expect(
      pieces(breakableWords('Ready: http://model-1.eastus.example.io:8080')),
    ).toEqual([
      'Ready: http://',
      'model-',
      '1.',
      'eastus.',
      'example.',
      'io:',
      '8080',
    ]);
  });
});

describe('breakableId', () => {
  it('leaves a word without separators as it is', () => {
    expect(breakableId('mxda7pj7')).toBe('mxda7pj7');
  });
});
