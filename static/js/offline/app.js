/* "Visits on this phone": the page that works without a connection.

   The visits of the coming week and the entries made offline are kept in IndexedDB,
   sealed with a key derived from the caseworker's PIN (crypto.js, store.js). Entries are
   sent in the order they were made, each with its idempotency key and the versions it was
   based on (sync.js); what changed meanwhile comes back and is shown side by side, to keep,
   change or drop. Nothing is dropped without the caseworker choosing it.

   Everything shown is built with textContent: what the server sent is never read as HTML. */

import { deriveKey, newEntryKey, randomBytes, seal, unseal } from "./crypto.js";
import * as store from "./store.js";
import * as server from "./sync.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const KEPT_MS = 7 * DAY_MS;
const MAX_PIN_TRIES = 5;

const words = JSON.parse(document.getElementById("offline-words").textContent);
const $ = (id) => document.getElementById(id);

const state = {
  key: null, // the AES key, in memory only while the visits are open
  meta: null,
  pack: null,
  queue: [], // [{seq, entry}] in the order they were made
  current: null, // the case open on the screen
  editing: null, // the queued entry being changed
  syncing: false,
};

function say(text, values) {
  return text.replace(/\{(\w+)\}/g, (_all, name) => String(values[name]));
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === "text") {
      node.textContent = value;
    } else if (name.startsWith("on")) {
      node.addEventListener(name.slice(2), value);
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? "" : value);
    }
  });
  children.flat().forEach((child) => {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  });
  return node;
}

function notice(text, kind = "info", link = null) {
  const box = $("offline-notice");
  box.replaceChildren();
  if (text) {
    box.append(el("div", { class: `alert alert-${kind}` }, text, link ? [" ", link] : []));
  }
}

function loginLink() {
  return el("a", { href: "/login?next=/offline/", text: words.logIn });
}

/* Dates: ISO (YYYY-MM-DD) inside, dd/mm/yyyy on the screen. */
function localToday() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

function showDay(iso) {
  if (!iso) {
    return "";
  }
  const [year, month, day] = iso.slice(0, 10).split("-");
  return `${day}/${month}/${year}`;
}

function showInstant(ms) {
  const when = new Date(ms);
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(when.getDate())}/${pad(when.getMonth() + 1)}/${when.getFullYear()} ${pad(when.getHours())}:${pad(when.getMinutes())}`;
}

function readDay(text) {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
  if (!match) {
    return null;
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

function nowTime() {
  const now = new Date();
  return `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
}

/* ---- What the phone keeps ---- */

async function saveMeta() {
  state.meta.pending = state.queue.length;
  await store.putMeta(state.meta);
}

async function saveEntry(item) {
  const box = await seal(state.key, item.entry);
  if (item.seq === undefined) {
    item.seq = await store.queueAdd(box);
    state.queue.push(item);
  } else {
    await store.queuePut(item.seq, box);
  }
  await saveMeta();
}

async function removeEntry(item) {
  await store.queueDelete(item.seq);
  state.queue = state.queue.filter((other) => other.seq !== item.seq);
  await saveMeta();
}

async function erase(message) {
  await store.wipe();
  Object.assign(state, { key: null, meta: null, pack: null, queue: [], current: null, editing: null });
  notice(message, "warning");
  await showEmpty();
}

/* Seven days without reaching the server: the copy goes. */
async function expireIfOld() {
  if (state.meta && Date.now() - state.meta.lastSync > KEPT_MS) {
    await erase(words.expired);
    return true;
  }
  return false;
}

function showOnly(id) {
  ["offline-empty", "offline-locked", "offline-open", "case-view", "contact-section", "done-section"]
    .forEach((section) => { $(section).hidden = section !== id; });
}

function showConnection() {
  const badge = $("offline-connection");
  badge.textContent = navigator.onLine ? words.online : words.offline;
  badge.className = `badge ${navigator.onLine ? "text-bg-success" : "text-bg-warning"}`;
}

/* ---- Nothing kept yet: choose a PIN, keep the visits ---- */

async function showEmpty() {
  showOnly("offline-empty");
  $("pin-new-form").hidden = !navigator.onLine;
  if (!navigator.onLine) {
    notice(words.needsConnection, "secondary");
  }
}

function pinProblem(pin, again) {
  if (!/^[0-9]{6,12}$/.test(pin)) {
    return words.pinShape;
  }
  if (again !== undefined && pin !== again) {
    return words.pinMismatch;
  }
  return null;
}

async function signedInAs() {
  const answer = await server.session();
  if (answer.status === 200) {
    return answer.body.user_id;
  }
  if (answer.status === 401) {
    notice(words.needsLogin, "warning", loginLink());
  } else if (answer.status === 403) {
    notice(words.notCaseworker, "warning");
  } else {
    notice(words.needsConnection, "warning");
  }
  return null;
}

async function prepare() {
  const userId = await signedInAs();
  if (userId === null) {
    return false;
  }
  if (state.meta && state.meta.userId !== userId && state.queue.length) {
    notice(words.otherAccount, "danger");
    return false;
  }
  notice(words.preparing);
  const answer = await server.fetchPack();
  if (answer.status !== 200) {
    notice(answer.status === 401 ? words.needsLogin : words.prepareFailed, "warning",
      answer.status === 401 ? loginLink() : null);
    return false;
  }
  state.pack = answer.body;
  await store.putSealed("pack", await seal(state.key, state.pack));
  state.meta.userId = userId;
  state.meta.lastSync = Date.now();
  await saveMeta();
  notice(say(words.prepared, { count: state.pack.cases.length }), "success");
  return true;
}

$("pin-new-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const pin = $("pin-new").value;
  const problem = pinProblem(pin, $("pin-again").value);
  if (problem) {
    notice(problem, "danger");
    return;
  }
  const salt = randomBytes(16);
  state.key = await deriveKey(pin, salt);
  state.meta = { salt, check: await seal(state.key, "reintegration"), failures: 0, userId: null,
                 lastSync: Date.now(), pending: 0 };
  state.queue = [];
  if (await prepare()) {
    $("pin-new-form").reset();
    showList();
  } else {
    await store.wipe();
    state.key = null;
    state.meta = null;
  }
});

/* ---- Locked: the PIN opens it; five wrong ones erase it ---- */

$("pin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const pin = $("pin").value;
  $("pin").value = "";
  const key = await deriveKey(pin, state.meta.salt);
  try {
    await unseal(key, state.meta.check);
  } catch (error) {
    state.meta.failures = (state.meta.failures || 0) + 1;
    if (state.meta.failures >= MAX_PIN_TRIES) {
      await erase(words.pinErased);
      return;
    }
    await store.putMeta(state.meta);
    const left = MAX_PIN_TRIES - state.meta.failures;
    const warning = $("pin-warning");
    warning.textContent = left === 1 ? words.wrongPinLast : say(words.wrongPin, { left });
    warning.hidden = false;
    return;
  }
  state.key = key;
  state.meta.failures = 0;
  $("pin-warning").hidden = true;
  state.pack = await unseal(key, await store.getSealed("pack"));
  state.queue = [];
  for (const row of await store.queueAll()) {
    state.queue.push({ seq: row.seq, entry: await unseal(key, row.box) });
  }
  await saveMeta();
  notice("");
  showList();
  if (navigator.onLine && state.queue.some((item) => item.entry.state === "waiting")) {
    syncAll();
  }
});

$("lock-button").addEventListener("click", () => {
  Object.assign(state, { key: null, pack: null, queue: [], current: null, editing: null });
  showOnly("offline-locked");
});

$("erase-button").addEventListener("click", async () => {
  if (window.confirm(say(words.confirmErase, { count: state.queue.length }))) {
    await erase(words.erased);
  }
});

$("prepare-button").addEventListener("click", async () => {
  if (await prepare()) {
    showList();
  }
});

/* ---- The list of visits and the waiting entries ---- */

function caseById(caseId) {
  return state.pack.cases.find((item) => item.case_id === caseId) || null;
}

function doneHere(caseId) {
  const ids = new Set();
  state.queue.forEach(({ entry }) => {
    if (entry.case_id !== caseId) {
      return;
    }
    const id = entry.kind === "contact" ? entry.contact.follow_up_id : entry.follow_up.follow_up_id;
    if (id) {
      ids.add(id);
    }
  });
  return ids;
}

function showKeptUntil() {
  const until = state.meta.lastSync + KEPT_MS;
  const soon = until - Date.now() < DAY_MS;
  const line = $("offline-kept-until");
  line.textContent = say(soon ? words.keptUntilSoon : words.keptUntil, { when: showInstant(until) });
  line.className = soon ? "alert alert-warning" : "small text-body-secondary";
}

function showList() {
  state.current = null;
  showOnly("offline-open");
  showKeptUntil();
  const list = $("case-list");
  list.replaceChildren();
  if (!state.pack.cases.length) {
    list.append(el("p", { class: "text-body-secondary", text: words.noVisits }));
  }
  state.pack.cases.forEach((item) => {
    const next = item.follow_ups[0];
    list.append(el("button", {
      type: "button",
      class: "list-group-item list-group-item-action",
      "data-case": item.case_id,
      onclick: () => showCase(item.case_id),
    },
    el("span", { class: "fw-semibold", text: item.name }),
    el("br"),
    el("small", { class: "text-body-secondary" },
      [item.commune, next ? `${showDay(next.due_on)} · ${next.kind}${next.overdue ? ` (${words.overdue})` : ""}` : ""]
        .filter(Boolean).join(" · "))));
  });
  showQueue();
}

function entrySummary(entry) {
  const item = caseById(entry.case_id);
  const name = item ? item.name : `#${entry.case_id}`;
  const what = entry.kind === "contact" ? words.contactEntry : words.doneEntry;
  const text = entry.kind === "contact" ? entry.contact.what_happened : entry.follow_up.outcome;
  return { title: `${what} · ${name} · ${showDay(entry.visited_at)} ${entry.visited_at.slice(11, 16)}`, text };
}

function changeRows(entry) {
  const item = caseById(entry.case_id) || {};
  const rows = [];
  (entry.changes || []).forEach((change) => {
    let phone = "";
    let now = "";
    if (change.what === "goals_changed") {
      phone = (item.goals || []).map((goal) => `${goal.title} (${showDay(goal.target_on)})`).join("; ");
      now = change.now.goals.map((goal) => `${goal.title} (${showDay(goal.target_on)})`).join("; ") || words.none;
    } else if (change.what === "follow_up_closed") {
      const due = (item.follow_ups || []).find((f) => f.id === change.now.follow_up_id);
      phone = due ? say(words.due, { day: showDay(due.due_on) }) : "";
      now = [change.now.status, change.now.done_on ? showDay(change.now.done_on) : "",
             change.now.done_by ? `${words.doneBy}: ${change.now.done_by}` : "",
             change.now.outcome ? `${words.outcome}: ${change.now.outcome}` : ""]
        .filter(Boolean).join(" · ");
    } else {
      const fields = [["address", words.address], ["phone", words.phone], ["relative", words.relative]];
      phone = [item.commune, ...fields.map(([name, label]) => `${label}: ${item[name] || ""}`)].join(" · ");
      now = [change.now.commune, change.now.status,
             ...fields.map(([name, label]) => `${label}: ${change.now[name] || ""}`)].join(" · ");
    }
    rows.push(el("tr", {}, el("th", { scope: "row", text: change.label }), el("td", { text: phone }), el("td", { text: now })));
  });
  return rows;
}

function entryCard(item) {
  const { entry } = item;
  const summary = entrySummary(entry);
  const card = el("li", { class: "card mb-2", "data-entry": entry.key, "data-state": entry.state });
  const body = el("div", { class: "card-body" });
  card.append(body);
  body.append(el("div", { class: "fw-semibold", text: summary.title }));
  body.append(el("div", { class: "small text-lines", text: summary.text }));
  const buttons = el("div", { class: "d-flex flex-wrap gap-2 mt-2" });
  const keep = el("button", { type: "button", class: "btn btn-sm btn-primary", text: words.keep, onclick: () => keepEntry(item) });
  const change = el("button", { type: "button", class: "btn btn-sm btn-outline-primary", text: words.change, onclick: () => changeEntry(item) });
  const drop = el("button", { type: "button", class: "btn btn-sm btn-outline-danger", text: words.drop, onclick: () => dropEntry(item) });
  const hand = el("button", { type: "button", class: "btn btn-sm btn-outline-secondary", text: words.handOver, onclick: () => handEntry(item) });
  if (entry.state === "waiting") {
    body.append(el("span", { class: "badge text-bg-warning", text: words.waiting }));
    return card;
  }
  if (entry.state === "conflict") {
    const closed = (entry.changes || []).some((c) => c.what === "case_closed");
    const followUpGone = (entry.changes || []).some((c) => c.what === "follow_up_closed");
    body.append(el("div", { class: "alert alert-warning mt-2 mb-2", text: entry.message || words.conflict }));
    body.append(el("div", { class: "table-responsive" }, el("table", { class: "table table-sm" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }), el("th", { scope: "col", text: words.onPhone }), el("th", { scope: "col", text: words.onServer }))),
      el("tbody", {}, changeRows(entry)))));
    if (closed) {
      body.append(el("p", { class: "small", text: words.closedOnly }));
      buttons.append(hand, drop);
    } else if (entry.kind === "follow_up_done" && followUpGone) {
      buttons.append(change, drop);
    } else {
      buttons.append(keep, change, drop);
    }
  } else if (entry.state === "out_of_scope") {
    body.append(el("div", { class: "alert alert-danger mt-2 mb-2", text: entry.message || words.outOfScope }));
    buttons.append(hand, drop);
  } else {
    body.append(el("div", { class: "alert alert-danger mt-2 mb-2", text: entry.message || words.refused }));
    buttons.append(change, hand, drop);
  }
  body.append(buttons);
  return card;
}

function showQueue() {
  const list = $("queue-list");
  list.replaceChildren(...state.queue.map(entryCard));
  $("queue-count").textContent = String(state.queue.length);
  $("queue-empty").hidden = state.queue.length > 0;
}

/* ---- One case ---- */

function showCase(caseId) {
  const item = caseById(caseId);
  state.current = item;
  showOnly("case-view");
  $("case-name").textContent = item.name;
  $("case-address").textContent = [item.address, item.commune].filter(Boolean).join(", ");
  const phone = $("case-phone");
  phone.replaceChildren(item.phone ? el("a", { href: `tel:${item.phone}`, text: item.phone }) : "");
  $("case-relative").textContent = item.relative;
  const done = doneHere(caseId);
  $("case-follow-ups").replaceChildren(...item.follow_ups.map((followUp) => el("li", { class: "mb-2", "data-follow-up": followUp.id },
    `${showDay(followUp.due_on)} · ${followUp.kind}${followUp.overdue ? ` (${words.overdue})` : ""} `,
    done.has(followUp.id)
      ? el("span", { class: "badge text-bg-info", text: words.doneHere })
      : el("button", { type: "button", class: "btn btn-sm btn-outline-primary", text: $("done-title").textContent,
                       onclick: () => openDoneForm(followUp) }))));
  $("case-contacts").replaceChildren(...item.contacts.map((contact) => el("li", {},
    el("span", { class: "text-body-secondary", text: `${showDay(contact.contact_on)} · ${contact.kind}: ` }), contact.summary)));
  $("case-goals").replaceChildren(...item.goals.map((goal) => el("li", {},
    `${goal.title} (${showDay(goal.target_on)}${goal.owner ? ` · ${goal.owner}` : ""})`)));
}

document.querySelectorAll("[data-back]").forEach((button) => button.addEventListener("click", showList));
document.querySelectorAll("[data-cancel]").forEach((button) => button.addEventListener("click", () => {
  if (state.editing) {
    state.editing = null;
    showList();
  } else {
    showCase(state.current.case_id);
  }
}));
$("record-contact").addEventListener("click", () => openContactForm(state.current, null));

/* ---- The forms: the checks of the online forms (required, length, no future day) ---- */

function fieldError(input, message) {
  input.classList.toggle("is-invalid", Boolean(message));
  const box = document.querySelector(`[data-error-for="${input.id}"]`);
  if (box) {
    box.textContent = message || "";
  }
  return !message;
}

function checkText(input, required) {
  const value = input.value.trim();
  if (required && !value) {
    return fieldError(input, words.required);
  }
  return fieldError(input, null);
}

function checkDay(input) {
  const iso = readDay(input.value);
  if (!iso) {
    fieldError(input, words.badDay);
    return null;
  }
  if (iso > localToday()) {
    fieldError(input, words.futureDay);
    return null;
  }
  fieldError(input, null);
  return iso;
}

function openContactForm(item, editing) {
  state.current = item;
  state.editing = editing;
  showOnly("contact-section");
  const form = $("contact-form");
  form.reset();
  form.querySelectorAll(".is-invalid").forEach((input) => input.classList.remove("is-invalid"));
  $("contact-case").textContent = item.name;
  const done = doneHere(item.case_id);
  const chosen = editing && editing.entry.kind === "contact" ? editing.entry.contact.follow_up_id : null;
  $("c-follow-up").replaceChildren(el("option", { value: "", text: words.none }),
    ...item.follow_ups.filter((f) => !done.has(f.id) || f.id === chosen)
      .map((f) => el("option", { value: f.id, text: `${showDay(f.due_on)} · ${f.kind}` })));
  $("c-day").value = showDay(localToday());
  $("c-time").value = nowTime();
  if (editing) {
    const entry = editing.entry;
    $("c-time").value = entry.visited_at.slice(11, 16);
    if (entry.kind === "contact") {
      const contact = entry.contact;
      $("c-kind").value = contact.kind;
      $("c-day").value = showDay(contact.contact_on);
      $("c-participants").value = contact.participants;
      $("c-what").value = contact.what_happened;
      $("c-next").value = contact.next_steps || "";
      $("c-follow-up").value = contact.follow_up_id && !followUpGone(entry) ? String(contact.follow_up_id) : "";
    } else {
      $("c-day").value = showDay(entry.follow_up.done_on);
      $("c-what").value = entry.follow_up.outcome;
    }
  }
  $("c-participants").focus();
}

function followUpGone(entry) {
  return (entry.changes || []).some((c) => c.what === "follow_up_closed");
}

function openDoneForm(followUp, editing = null) {
  state.editing = editing;
  showOnly("done-section");
  const form = $("done-form");
  form.reset();
  form.dataset.followUp = followUp.id;
  $("done-case").textContent = `${state.current.name} · ${showDay(followUp.due_on)} · ${followUp.kind}`;
  $("d-day").value = showDay(localToday());
  $("d-time").value = nowTime();
  if (editing) {
    $("d-day").value = showDay(editing.entry.follow_up.done_on);
    $("d-time").value = editing.entry.visited_at.slice(11, 16);
    $("d-outcome").value = editing.entry.follow_up.outcome;
  }
  $("d-outcome").focus();
}

async function keepOnPhone(entry) {
  if (state.editing) {
    const item = state.editing;
    item.entry = { ...entry, key: item.entry.key, based_on: item.entry.current || item.entry.based_on, state: "waiting" };
    await saveEntry(item);
  } else {
    await saveEntry({ entry });
  }
  state.editing = null;
  notice(words.saved, "success");
  showList();
  if (navigator.onLine) {
    syncAll();
  }
}

$("contact-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const day = checkDay($("c-day"));
  const okParticipants = checkText($("c-participants"), true);
  const okWhat = checkText($("c-what"), true);
  if (!day || !okParticipants || !okWhat || !$("c-time").value) {
    return;
  }
  const followUp = $("c-follow-up").value;
  await keepOnPhone({
    key: newEntryKey(),
    kind: "contact",
    case_id: state.current.case_id,
    based_on: state.current.based_on,
    visited_at: `${day}T${$("c-time").value}`,
    contact: {
      kind: $("c-kind").value,
      contact_on: day,
      participants: $("c-participants").value.trim(),
      what_happened: $("c-what").value.trim(),
      next_steps: $("c-next").value.trim() || null,
      follow_up_id: followUp ? Number(followUp) : null,
    },
    state: "waiting",
    made_at: Date.now(),
  });
});

$("done-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const day = checkDay($("d-day"));
  const okOutcome = checkText($("d-outcome"), true);
  if (!day || !okOutcome || !$("d-time").value) {
    return;
  }
  await keepOnPhone({
    key: newEntryKey(),
    kind: "follow_up_done",
    case_id: state.current.case_id,
    based_on: state.current.based_on,
    visited_at: `${day}T${$("d-time").value}`,
    follow_up: {
      follow_up_id: Number($("done-form").dataset.followUp),
      done_on: day,
      outcome: $("d-outcome").value.trim(),
    },
    state: "waiting",
    made_at: Date.now(),
  });
});

/* ---- Choices on an entry that came back ---- */

async function keepEntry(item) {
  const entry = item.entry;
  if (entry.kind === "contact" && followUpGone(entry)) {
    entry.contact.follow_up_id = null;
    notice(words.keepNoLink, "info");
  }
  entry.based_on = entry.current || entry.based_on;
  entry.state = "waiting";
  await saveEntry(item);
  showList();
  await syncAll();
}

function changeEntry(item) {
  const caseItem = caseById(item.entry.case_id);
  if (item.entry.kind === "follow_up_done" && !followUpGone(item.entry)) {
    state.current = caseItem;
    const followUp = caseItem.follow_ups.find((f) => f.id === item.entry.follow_up.follow_up_id);
    openDoneForm(followUp, item);
    return;
  }
  // A contact, or a follow-up someone else did meanwhile: recorded as a contact instead.
  openContactForm(caseItem, item);
}

async function dropEntry(item) {
  if (window.confirm(words.confirmDrop)) {
    await removeEntry(item);
    notice(words.dropped, "secondary");
    showList();
  }
}

async function handEntry(item) {
  const answer = await server.handOver(item.entry);
  if (answer.status === 200 || answer.status === 201) {
    await removeEntry(item);
    notice(words.handedOver, "success");
  } else if (answer.status === 401) {
    notice(words.needsLogin, "warning", loginLink());
  } else if (answer.status === 0) {
    notice(words.sendLater, "secondary");
  } else {
    notice(answer.body && answer.body.errors ? answer.body.errors[0].message : words.refused, "danger");
  }
  showList();
}

/* ---- Sending, in order ---- */

async function syncAll() {
  if (state.syncing || !state.key) {
    return;
  }
  state.syncing = true;
  try {
    await sendWaiting();
  } finally {
    state.syncing = false;
    // A form being filled in stays on the screen: only the list is drawn again.
    if (state.key && !$("offline-open").hidden) {
      showList();
    } else if (state.key) {
      showQueue();
    }
  }
}

/* A follow-up the server now has as done leaves the phone's list of those due. */
async function forgetDoneFollowUp(entry) {
  const id = entry.kind === "contact" ? entry.contact.follow_up_id : entry.follow_up.follow_up_id;
  const item = caseById(entry.case_id);
  if (!id || !item) {
    return;
  }
  item.follow_ups = item.follow_ups.filter((followUp) => followUp.id !== id);
  await store.putSealed("pack", await seal(state.key, state.pack));
}

async function sendWaiting() {
  const waiting = state.queue.filter((item) => item.entry.state === "waiting");
  if (!navigator.onLine) {
    notice(words.sendLater, "secondary");
    return;
  }
  const userId = await signedInAs();
  if (userId === null) {
    return;
  }
  if (state.meta.userId !== userId) {
    notice(words.otherAccount, "danger");
    return;
  }
  if (!waiting.length) {
    state.meta.lastSync = Date.now();
    await saveMeta();
    notice(words.nothingToSend, "secondary");
    return;
  }
  notice(words.sending);
  let sent = 0;
  for (const item of waiting) {
    const answer = await server.sendEntry(item.entry);
    const error = answer.body && answer.body.errors ? answer.body.errors[0] : null;
    if (answer.status === 200 || answer.status === 201) {
      await removeEntry(item);
      await forgetDoneFollowUp(item.entry);
      sent += 1;
      continue;
    }
    if (answer.status === 0) {
      notice(words.sendLater, "secondary");
      return;
    }
    if (answer.status === 401) {
      notice(words.needsLogin, "warning", loginLink());
      return;
    }
    if (answer.status === 409 && error.code === "changed_meanwhile") {
      Object.assign(item.entry, { state: "conflict", changes: answer.body.changes, current: answer.body.current, message: error.message });
    } else if (answer.status === 404) {
      Object.assign(item.entry, { state: "out_of_scope", message: error ? error.message : words.outOfScope });
    } else {
      Object.assign(item.entry, { state: "refused", message: error ? error.message : words.refused });
    }
    await saveEntry(item);
  }
  state.meta.lastSync = Date.now();
  await saveMeta();
  notice(say(words.sent, { count: sent }), sent === waiting.length ? "success" : "warning");
}

$("sync-button").addEventListener("click", syncAll);
window.addEventListener("online", () => { showConnection(); syncAll(); });
window.addEventListener("offline", showConnection);

/* ---- Start ---- */

async function start() {
  showConnection();
  state.meta = await store.getMeta();
  if (state.meta && !(await expireIfOld())) {
    showOnly("offline-locked");
    const until = state.meta.lastSync + KEPT_MS;
    notice(say(until - Date.now() < DAY_MS ? words.keptUntilSoon : words.keptUntil,
      { when: showInstant(until) }), until - Date.now() < DAY_MS ? "warning" : "secondary");
    $("pin").focus();
    return;
  }
  if (!state.meta) {
    await showEmpty();
  }
}

start();
