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
import { Composer, CST, Lexer, Parser } from 'yaml';

/** The largest YAML stream read: the size the Kubernetes apply accepts. */
export const MAX_YAML_BYTES = 1024 * 1024;
/**
 * The deepest nesting read. Kubernetes objects need about 10 levels; the
 * `yaml` composer recurses once per level, and running into the stack limit
 * is not safe to repeat in one process (see the Kubernetes module's
 * `readYamlStream`), so depth is checked on the syntax tree first.
 */
export const MAX_YAML_DEPTH = 64;
/** Aliases one document may expand (billion laughs). */
const MAX_ALIAS_COUNT = 10;

/**
 * The documents of a YAML stream (JSON is YAML) as plain values. A document
 * that does not parse or expand is left out, and so is the whole stream when
 * it is larger or deeper than the apply accepts: the apply reports those,
 * and this never throws.
 */
export function readDocuments(text: string): unknown[] {
  if (Buffer.byteLength(text) > MAX_YAML_BYTES) return [];
  const tokens = shallowTokens(text);
  if (!tokens) return [];
  const values: unknown[] = [];
  try {
    const composer = new Composer({
      schema: 'core',
      uniqueKeys: true,
      strict: true,
    });
    for (const doc of composer.compose(tokens)) {
      if (doc.errors.length) continue;
      try {
        values.push(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
      } catch {
        // Too many aliases, or an alias to nothing: not a document to check.
      }
    }
  } catch {
    return values;
  }
  return values;
}

/** The syntax tokens of `text`, or undefined when it nests too deep. */
function shallowTokens(text: string): CST.Token[] | undefined {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    tokens.push(...parser.next(lexeme));
    // The parser's stack holds the document and every open collection.
    if (parser.stack.filter(isCollection).length > MAX_YAML_DEPTH) {
      return undefined;
    }
  }
  tokens.push(...parser.end());
  return tokens;
}

function isCollection(token: CST.Token): boolean {
  return (
    token.type === 'block-map' ||
    token.type === 'block-seq' ||
    token.type === 'flow-collection'
  );
}
