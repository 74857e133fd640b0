// TokenCipher's local twin: AES-256-GCM with a local key; the shop id is bound as additional authenticated data.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TokenCipher } from '#services/ports';

export function createAesCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new Error('CIPHER_KEY_INVALID: the local key must be 32 bytes');
  return {
    async encrypt(plaintext, shop) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(shop, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    async decrypt(ciphertext, shop) {
      const [version, iv, tag, body] = ciphertext.split('.');
      if (version !== 'v1' || !iv || !tag || !body) throw new Error('CIPHERTEXT_INVALID');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(shop, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
