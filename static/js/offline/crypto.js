/* The phone's copy is encrypted with a key derived from the caseworker's PIN (Web Crypto:
   PBKDF2 with SHA-256, then AES-GCM with 256-bit keys). The key is never stored: it lives
   in the page's memory while the visits are open, and is derived again from the PIN. */

const ITERATIONS = 310000;  // OWASP's figure for PBKDF2-HMAC-SHA256
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function randomBytes(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

/* An idempotency key for an entry: 32 characters of base64url (192 random bits). */
export function newEntryKey() {
  const bytes = randomBytes(24);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

export async function deriveKey(pin, salt) {
  const base = await crypto.subtle.importKey("raw", encoder.encode(pin), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", salt, iterations: ITERATIONS, hash: "SHA-256" },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"]
  );
}

/* A value as a sealed box: {iv, data}, data being the JSON text encrypted. */
export async function seal(key, value) {
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(JSON.stringify(value)));
  return { iv, data };
}

/* The value of a sealed box; throws when the key is not the one it was sealed with. */
export async function unseal(key, box) {
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: box.iv }, key, box.data);
  return JSON.parse(decoder.decode(plain));
}
