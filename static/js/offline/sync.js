/* The server side of the offline page: who is signed in (with a fresh CSRF token), the pack
   of visits, and the entries sent one at a time. Each call answers {status, body}, or
   {status: 0} when there is no connection. */

let csrfToken = null;

async function call(method, url, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    if (csrfToken) {
      headers["X-CSRFToken"] = csrfToken;
    }
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    return { status: 0, body: null };
  }
  let parsed = null;
  try {
    parsed = await response.json();
  } catch (error) {
    parsed = null;
  }
  if (response.redirected && response.url.includes("/login")) {
    return { status: 401, body: parsed };
  }
  return { status: response.status, body: parsed };
}

/* 200 {user_id}: signed in as a caseworker; 401: log in again; 403: another role. */
export async function session() {
  const answer = await call("GET", "/api/v1/offline/session");
  if (answer.status === 200) {
    csrfToken = answer.body.csrf_token;
  }
  return answer;
}

export function fetchPack() {
  return call("POST", "/api/v1/offline/pack", {});
}

/* What is sent of an entry: the rest (its state, what changed) stays on the phone. */
function body(entry) {
  const sent = {
    key: entry.key,
    kind: entry.kind,
    case_id: entry.case_id,
    based_on: entry.based_on,
    visited_at: entry.visited_at,
  };
  if (entry.kind === "contact") {
    sent.contact = entry.contact;
  } else {
    sent.follow_up = entry.follow_up;
  }
  return sent;
}

export async function sendEntry(entry) {
  let answer = await call("POST", "/api/v1/offline/entries", body(entry));
  if (answer.status === 400 && answer.body && answer.body.errors[0].code === "csrf") {
    // The token of an older login: take the current one and try once more.
    await session();
    answer = await call("POST", "/api/v1/offline/entries", body(entry));
  }
  return answer;
}

export function handOver(entry) {
  return call("POST", "/api/v1/offline/handovers", body(entry));
}
