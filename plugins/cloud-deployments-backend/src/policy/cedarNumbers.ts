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

/**
 * Cedar's decimal is a 64-bit count of ten-thousandths, so it holds at most
 * ±922,337,203,685,477.5807. Amounts beyond are clamped to the whole dollars
 * below that: any limit a policy can write is still exceeded, and the decision
 * shows the clamped amount, which is what the policies saw.
 */
export const DECIMAL_LIMIT = 922_337_203_685_477;

/**
 * A USD amount as the text of a Cedar decimal: rounded to Cedar's four
 * fraction digits, clamped to its range. An amount that is not a number is
 * read as the largest, so a cost limit refuses it instead of letting it pass.
 */
export function cedarDecimal(amount: number): string {
  const clamped = Number.isNaN(amount)
    ? DECIMAL_LIMIT
    : Math.min(Math.max(amount, -DECIMAL_LIMIT), DECIMAL_LIMIT);
  // toFixed rounds the exact binary value and never uses an exponent below 1e21.
  const text = clamped.toFixed(4);
  return text === '-0.0000' ? '0.0000' : text;
}

/**
 * A count as a Cedar Long: whole, within the numbers JSON carries exactly;
 * not a number reads as the largest, like amounts.
 */
export function cedarLong(count: number): number {
  if (Number.isNaN(count)) return Number.MAX_SAFE_INTEGER;
  const whole = Math.trunc(
    Math.min(
      Math.max(count, -Number.MAX_SAFE_INTEGER),
      Number.MAX_SAFE_INTEGER,
    ),
  );
  return whole + 0; // -0 becomes 0
}

/**
 * Text Cedar accepts: its JSON reader throws on a lone UTF-16 surrogate, which
 * becomes U+FFFD here.
 */
export function cedarString(text: string): string {
  return typeof text === 'string'
    ? text.replace(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        '\ufffd',
      )
    : '';
}
