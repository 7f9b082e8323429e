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
import { wholeWords } from './wholeWords';

const html = (text: string) =>
  render(<p>{wholeWords(text)}</p>).container.innerHTML;

describe('wholeWords', () => {
  it('keeps a short joined word on one line, and leaves the rest of the prose as it is', () => {
    expect(html('Cloud Carbon Footprint @ b7a049c (Apache-2.0)')).toBe(
      '<p>Cloud Carbon Footprint @ b7a049c <span style="white-space: nowrap;">(Apache-2.0)</span></p>',
    );
    expect(html('379.069 gCO2e/kWh (2020–2021)')).toBe(
      '<p>379.069 <span style="white-space: nowrap;">gCO2e/kWh</span> <span style="white-space: nowrap;">(2020–2021)</span></p>',
    );
  });

  it('lets a long joined word break after its separators only', () => {
    expect(html('image europe-docker.pkg.dev/acme/api:1.0.0')).toBe(
      '<p>image europe-<wbr>docker.<wbr>pkg.<wbr>dev/<wbr>acme/<wbr>api:<wbr>1.<wbr>0.<wbr>0</p>',
    );
  });

  it('returns prose without joined words as it is', () => {
    expect(wholeWords('CPU: 2 vCPU × 730 h at 50 %')).toBe(
      'CPU: 2 vCPU × 730 h at 50 %',
    );
  });
});
