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

// After each separator a break may come; between them the text stays whole.
const SEPARATED = /[^/\-:.?&=,_@]*[/\-:.?&=,_@]*/g;

/**
 * A long identifier (an ARN, a URL, a resource id) with break opportunities
 * after its separators only, so that a narrow cell wraps it at a '/' or a '-'
 * rather than in the middle of a word or a number.
 *
 * @internal
 */
export function breakableId(text: string): ReactNode {
  const parts = text.match(SEPARATED)?.filter(Boolean) ?? [text];
  if (parts.length < 2) return text;
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && <wbr />}
    </Fragment>
  ));
}

// A name like `web-7f3a` or `rg/eastus`: letters joined by a separator. The
// browser would break it after a '-' anyway; marking its separators keeps the
// parts between them whole. Numbers and money have no letters, so they stay
// unbroken.
const ID_LIKE = /[A-Za-z].*[/\-:_@]|[/\-:_@].*[A-Za-z]/;

/**
 * Prose that may hold identifiers: words as they are, and each long or
 * id-like word (an id, a name, a URL) given break opportunities after its
 * separators only.
 *
 * @internal
 */
export function breakableWords(text: string, longWord = 24): ReactNode {
  const isId = (w: string) => w.length > longWord || ID_LIKE.test(w);
  const words = text.split(/(\s+)/);
  if (!words.some(isId)) return text;
  return words.map((word, i) => (
    <Fragment key={i}>{isId(word) ? breakableId(word) : word}</Fragment>
  ));
}
