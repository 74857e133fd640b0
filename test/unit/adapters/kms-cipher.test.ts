// The KMS cipher asks KMS once per token and shop for a few minutes, never across shops.
import { KMSClient } from '@aws-sdk/client-kms';
import { createKmsCipher } from '#adapters/kms-cipher';

function fakeKms() {
  const calls: string[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: { EncryptionContext?: { shop: string } } }) => {
      calls.push(`${command.constructor.name}:${command.input.EncryptionContext?.shop}`);
      return { Plaintext: Buffer.from(`token-of-${command.input.EncryptionContext?.shop}`) };
    },
  } as unknown as KMSClient;
  return { client, calls };
}

test('a token is decrypted by KMS once, then from memory until the cache expires', async () => {
  const { client, calls } = fakeKms();
  let now = 0;
  const cipher = createKmsCipher(client, 'key', () => now);
  expect(await cipher.decrypt('c1', 'shop-a')).toBe('token-of-shop-a');
  expect(await cipher.decrypt('c1', 'shop-a')).toBe('token-of-shop-a');
  expect(calls).toEqual(['DecryptCommand:shop-a']);
  // The same ciphertext named for another shop is another KMS call (and KMS would refuse the wrong context).
  await cipher.decrypt('c1', 'shop-b');
  expect(calls).toHaveLength(2);
  now += 5 * 60_000 + 1;
  await cipher.decrypt('c1', 'shop-a');
  expect(calls).toHaveLength(3);
});
