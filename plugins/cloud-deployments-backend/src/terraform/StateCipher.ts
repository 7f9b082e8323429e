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
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts state versions with AES-256-GCM. A sealed state is IV, tag and
 * ciphertext in one buffer; the IV is random per version. The associated data
 * ties a ciphertext to its workspace and version, so rows cannot be swapped.
 * Versions carry the key's id, so that a cipher holding every key ever used
 * reads them all while it seals with the newest (see loadStateCipher).
 */
export class StateCipher {
  readonly #keys: Map<string, Buffer>;
  /** Id of the key new versions are sealed with. */
  readonly keyId: string;

  /** A cipher with one key, given as 32 bytes in base64. */
  static fromBase64Key(base64Key: string): StateCipher {
    return StateCipher.fromKeys(
      decodeStateKey(base64Key, 'stateEncryptionKey'),
    );
  }

  /** Seals with `current`; opens what it or any of `others` sealed. */
  static fromKeys(current: Buffer, others: Buffer[] = []): StateCipher {
    return new StateCipher(current, others);
  }

  private constructor(current: Buffer, others: Buffer[]) {
    this.keyId = keyIdOf(current);
    this.#keys = new Map(others.map(key => [keyIdOf(key), key]));
    this.#keys.set(this.keyId, current);
  }

  seal(plain: Buffer, associatedData: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(
      'aes-256-gcm',
      this.#keys.get(this.keyId)!,
      iv,
    );
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer, keyId: string, associatedData: string): Buffer {
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new Error(
        `The state was encrypted with key ${keyId}, which is not configured`,
      );
    }
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key,
      sealed.subarray(0, IV_BYTES),
    );
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new Error(
        'The stored state failed its integrity check (wrong key or altered row)',
      );
    }
  }
}

/** 32 bytes from base64 config, or an error naming the key. */
export function decodeStateKey(base64Key: string, configKey: string): Buffer {
  const key = Buffer.from(base64Key.trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `cloudDeployments.terraform.${configKey} must be 32 bytes in base64, got ${key.length} bytes`,
    );
  }
  return key;
}

/** A key's id: algorithm and a fingerprint that reveals nothing of the key. */
export function keyIdOf(key: Buffer): string {
  const fingerprint = createHash('sha256')
    .update('cloud-deployments terraform state key\0')
    .update(key)
    .digest('hex')
    .slice(0, 16);
  return `aes-256-gcm:${fingerprint}`;
}
