// What every view of the explorer shares: building elements, the message line, the key form that an
// UNAUTHENTICATED answer opens, switching views, and marking names in a text.
import { ApiError } from "./api.js";

export const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {string} tag @param {Record<string, string>} [attrs] @param {(Node | string)[]} [children] */
export function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** "1 article", "3 articles", "2 entities". @param {number} n @param {string} one @param {string} [many] */
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** @param {string} text @param {boolean} [error] */
export function say(text, error = false) {
  const m = $("message");
  m.textContent = text;
  m.classList.toggle("error", error);
}

/** Show an API failure as the server gave it: code and message. A missing key opens the key form. */
export function fail(/** @type {unknown} */ e) {
  if (e instanceof ApiError) {
    say(`${e.code}: ${e.message}`, true);
    if (e.code === "UNAUTHENTICATED") {
      $("key-panel").hidden = false;
      $("api-key").focus();
    }
  } else {
    say(String(e), true);
  }
}

export const VIEWS = /** @type {const} */ (["graph-view", "path-view", "article-view", "compare-view", "review-view"]);

/** Show one view, hide the others; a "kg:view" event tells who cares (the graph resizes its canvas). @param {typeof VIEWS[number]} id */
export function showView(id) {
  for (const v of VIEWS) $(v).hidden = v !== id;
  document.dispatchEvent(new CustomEvent("kg:view", { detail: id }));
}

/** A link that opens an article in the article view. @param {string} key @param {string} [text] */
export const articleLink = (key, text = "article view") => el("a", { href: `#article=${encodeURIComponent(key)}`, class: "open-article" }, [text]);

/** A link that opens an entity's neighbourhood. @param {string} key @param {string} name */
export const entityLink = (key, name) => el("a", { href: `#entity=${encodeURIComponent(key)}`, class: "entity-link" }, [name]);

/** @param {string} s */
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `text` with each name marked (whole words, case-insensitive; an acronym such as "IS" only in
 * capitals, so the verb "is" stays plain), the mark's class the name's kind.
 * @param {string} text @param {string[][]} names [name, class]
 * @returns {(Node | string)[]}
 */
export function markNames(text, names) {
  const usable = names.filter(([n]) => n && n.length > 1).sort((x, y) => y[0].length - x[0].length);
  if (usable.length === 0 || !text) return [text];
  /** @type {Map<string, string[]>} */
  const byLower = new Map(usable.map(([n, k]) => [n.toLowerCase(), [n, k]]));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${usable.map(([n]) => escapeRe(n)).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return text.split(re).map((part, i) => {
    if (i % 2 === 0) return part;
    const [name, kind] = byLower.get(part.toLowerCase()) ?? [part, ""];
    const acronym = name === name.toUpperCase() && /\p{Lu}/u.test(name);
    return acronym && part !== name ? part : el("mark", { class: kind }, [part]);
  });
}

/**
 * An evidence sentence with the relation's span marked: the subject's names (and aliases) and the
 * object's. @param {string} sentence @param {string[]} subjectNames @param {string[]} objectNames
 */
export function relationSentence(sentence, subjectNames, objectNames) {
  return markNames(sentence, [...subjectNames.map((n) => [n, "subject"]), ...objectNames.map((n) => [n, "object"])]);
}
