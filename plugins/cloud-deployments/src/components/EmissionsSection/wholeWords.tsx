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
import { Fragment, ReactNode } from 'react';
import { breakableId } from '../breakableId';

// A hyphen, dash or slash inside a word, where browsers may break a line
// (`Apache-` / `2.0`, `gCO2e/` / `kWh`) and so split a name or a unit.
const JOINED = /\S[-‐–/]\S/;

/**
 * Prose in a narrow cell whose joined words stay whole: a short word with a
 * hyphen or slash in it (`us-east-1`, `Apache-2.0`, `gCO2e/kWh`) is kept on
 * one line, and a long one (an image, a URL) breaks only after its
 * separators. The line breaks between words.
 *
 * @internal
 */
export function wholeWords(text: string, longWord = 24): ReactNode {
  const words = text.split(/(\s+)/);
  if (!words.some(w => JOINED.test(w))) return text;
  return words.map((word, i) => {
    if (!JOINED.test(word)) return <Fragment key={i}>{word}</Fragment>;
    if (word.length > longWord) {
      return <Fragment key={i}>{breakableId(word)}</Fragment>;
    }
    return (
      <span key={i} style={{ whiteSpace: 'nowrap' }}>
        {word}
      </span>
    );
  });
}
