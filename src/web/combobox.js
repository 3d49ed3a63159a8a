// A type-ahead box (the WAI-ARIA combobox pattern, focus stays in the input, the active option is
// aria-activedescendant): typing asks `find` for options, the latest keystroke winning; ↑/↓ move,
// Enter picks the active option, Escape closes the list, so does leaving the box.

/**
 * @template T
 * @param {{
 *   input: HTMLInputElement, list: HTMLElement,
 *   find: (q: string) => Promise<T[]>,
 *   render: (o: T) => (Node | string)[],
 *   pick: (o: T) => void,
 *   onError: (e: unknown) => void,
 * }} o
 * @returns {{ close(): void }}
 * @example combobox({ input, list, find: (q) => search(q), render: (e) => [e.name], pick: (e) => open(e), onError: fail })
 */
export function combobox({ input, list, find, render, pick, onError }) {
  /** @type {T[]} */
  let options = [];
  let active = -1;
  let seq = 0;
  /** @type {number | undefined} */
  let timer;

  function close() {
    // A keystroke's pending or in-flight search must not reopen the list after a pick.
    clearTimeout(timer);
    seq++;
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function show() {
    list.replaceChildren(
      ...options.map((o, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", String(i === active));
        li.dataset.index = String(i);
        li.append(...render(o));
        return li;
      }),
    );
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(options.length > 0));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
      list.children[active]?.scrollIntoView({ block: "nearest" });
    }
  }

  async function suggest() {
    const q = input.value.trim();
    const mine = ++seq;
    if (q.length < 2) {
      options = [];
      close();
      return;
    }
    try {
      const found = await find(q);
      if (mine !== seq) return; // a newer keystroke won
      options = found;
      active = options.length > 0 ? 0 : -1;
      show();
    } catch (e) {
      onError(e);
    }
  }

  /** @param {number} i */
  function choose(i) {
    const o = options[i];
    close();
    if (o !== undefined) pick(o);
  }

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  list.setAttribute("role", "listbox");
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void suggest(), 150);
  });
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (ev) => {
    const open = !list.hidden && options.length > 0;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!open) return;
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
      show();
    } else if (ev.key === "Enter" && open && active >= 0) {
      ev.preventDefault();
      choose(active);
    } else if (ev.key === "Escape" && open) {
      ev.preventDefault();
      close();
    }
  });
  list.addEventListener("mousedown", (ev) => {
    const li = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (ev.target).closest("li[data-index]"));
    if (!li) return;
    ev.preventDefault(); // keep the focus in the box
    choose(Number(li.dataset.index));
  });
  return { close };
}
