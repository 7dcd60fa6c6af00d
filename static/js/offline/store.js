/* The phone's copy in IndexedDB. Three stores:
   - "meta": one record in clear, holding nothing about anyone: the PIN's salt, a sealed
     check value, wrong PIN tries, the account it belongs to (a number), when it was last
     sent and how many entries wait;
   - "vault": the sealed pack of visits;
   - "queue": the sealed entries, in the order they were made (an increasing number). */

const NAME = "reintegration-offline";
const VERSION = 1;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let opened = null;

export function openStore() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const req = indexedDB.open(NAME, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore("meta", { keyPath: "name" });
        db.createObjectStore("vault", { keyPath: "name" });
        db.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  return opened;
}

async function run(storeName, mode, work) {
  const db = await openStore();
  const tx = db.transaction(storeName, mode);
  const result = work(tx.objectStore(storeName));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  return result instanceof IDBRequest ? result.result : result;
}

export async function getMeta() {
  return (await run("meta", "readonly", (s) => s.get("lock"))) || null;
}

export function putMeta(meta) {
  return run("meta", "readwrite", (s) => s.put({ ...meta, name: "lock" }));
}

export function getSealed(name) {
  return run("vault", "readonly", (s) => s.get(name)).then((row) => (row ? row.box : null));
}

export function putSealed(name, box) {
  return run("vault", "readwrite", (s) => s.put({ name, box }));
}

export function queueAll() {
  return run("queue", "readonly", (s) => s.getAll());
}

/* Adds a sealed entry; returns its number (its place in the order). */
export function queueAdd(box) {
  return run("queue", "readwrite", (s) => s.add({ box }));
}

export function queuePut(seq, box) {
  return run("queue", "readwrite", (s) => s.put({ seq, box }));
}

export function queueDelete(seq) {
  return run("queue", "readwrite", (s) => s.delete(seq));
}

/* Erase everything this page ever kept on the phone. */
export async function wipe() {
  const db = await openStore();
  const tx = db.transaction(["meta", "vault", "queue"], "readwrite");
  ["meta", "vault", "queue"].forEach((name) => tx.objectStore(name).clear());
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
}

/* Whether anything is kept (without opening the database when it was never made). */
export async function hasCopy() {
  if (indexedDB.databases) {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes(NAME)) {
      return false;
    }
  }
  return (await getMeta()) !== null;
}
