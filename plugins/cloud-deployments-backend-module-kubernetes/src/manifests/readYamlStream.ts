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
import { InputError } from '@backstage/errors';
import { Composer, CST, Document, Lexer, Parser, visit } from 'yaml';

/**
 * The deepest nesting of collections read. Kubernetes objects need about 10
 * levels; the `yaml` composer recurses once per level, and at a few hundred
 * it overflows the stack. `yaml` catches that RangeError, but running into the
 * stack limit is not safe to repeat: in a plain Node process two such parses
 * in a row aborted it (V8 failed fatally compiling a regular expression there).
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Parses a stream of YAML documents as `parseAllDocuments` does, but refuses,
 * with an `InputError` naming `field`, a stream nested deeper than
 * {@link MAX_YAML_DEPTH} before it is composed (the parser builds its syntax
 * tree without recursion, so the depth is known before anything recurses),
 * and a document with an alias inside the node it refers to, which `toJS`
 * would turn into a cyclic object. Parse errors stay in each document's
 * `errors`, with their line and column.
 */
export function readYamlStream(text: string, field: string): Document[] {
  const parser = new Parser();
  function* tokens() {
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      // The parser's stack holds the document and every open collection.
      if (parser.stack.filter(isCollection).length > MAX_YAML_DEPTH) {
        throw new InputError(
          `${field}: are nested deeper than ${MAX_YAML_DEPTH} levels (at ${position(
            text,
            parser.offset,
          )})`,
        );
      }
    }
    yield* parser.end();
  }
  const documents = Array.from(
    new Composer({ schema: 'core', uniqueKeys: true, strict: true }).compose(
      tokens(),
    ),
  );
  documents.forEach((doc, i) => {
    for (const error of doc.errors) {
      error.message = `${error.message.split('\n')[0]} at ${position(
        text,
        error.pos[0],
      )}`;
    }
    if (doc.errors.length) return;
    visit(doc, {
      Alias(_, alias, path) {
        const target = alias.resolve(doc);
        if (target && path.includes(target)) {
          throw new InputError(
            `${field}: document ${i + 1}: alias *${
              alias.source
            } is inside the node it refers to (a cycle)`,
          );
        }
      },
    });
  });
  return documents;
}

function isCollection(token: CST.Token): boolean {
  return (
    token.type === 'block-map' ||
    token.type === 'block-seq' ||
    token.type === 'flow-collection'
  );
}

/** `line 3, column 7` of an offset, both counted from 1. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}
