// The path view: what links two entities (connections), each hop with the sentence that proves it.
import { PATHS, gql } from "./api.js";
import { $, articleLink, el, fail, plural, say } from "./dom.js";

$("path-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const from = /** @type {HTMLInputElement} */ ($("path-from")).value.trim();
  const to = /** @type {HTMLInputElement} */ ($("path-to")).value.trim();
  const maxHops = Number(/** @type {HTMLInputElement} */ ($("path-hops")).value) || 6;
  void findPaths(from, to, maxHops);
});

/** @param {string} from @param {string} to @param {number} maxHops */
async function findPaths(from, to, maxHops) {
  say("Looking for paths…");
  let paths;
  try {
    paths = (await gql(PATHS, { from, to, maxHops })).connections;
  } catch (e) {
    fail(e);
    return;
  }
  if (paths.length === 0) {
    say(`No path between “${from}” and “${to}” within ${maxHops} hops. Check both names (the search box suggests them) or allow more hops.`, true);
    $("path-list").replaceChildren();
    return;
  }
  say(`${plural(paths.length, "path")} from ${paths[0].hops[0].from.name} to ${paths[0].hops.at(-1).to.name}.`);
  $("path-list").replaceChildren(
    ...paths.map((/** @type {any} */ p) =>
      el("li", { class: "path" }, [
        el("strong", {}, [`${plural(p.length, "hop")}: `, [p.hops[0].from.name, ...p.hops.map((/** @type {any} */ h) => h.to.name)].join(" — ")]),
        ...p.hops.map((/** @type {any} */ h) => {
          const r = h.relation;
          const ev = r?.evidence?.[0];
          const head = r
            ? `${r.subject.name} ${r.type} ${r.object.name}`
            : `${h.from.name} and ${h.to.name} appear together in “${h.article?.title ?? h.article?.key}”`;
          const proof = ev
            ? [
                el("blockquote", { class: "sentence" }, [ev.sentence]),
                el("div", { class: "meta" }, [
                  `${ev.article.title ?? ev.article.key} · confidence ${ev.confidence.toFixed(2)} · ${plural(r.articleCount, "article")}`,
                ]),
              ]
            : [];
          const key = ev?.article.key ?? h.article?.key;
          return el("div", { class: "hop" }, [
            el("span", { class: "rel-type" }, [r?.type ?? "CO-MENTION"]),
            ` ${head} `,
            ...(key ? [articleLink(key)] : []),
            ...proof,
          ]);
        }),
      ]),
    ),
  );
}
