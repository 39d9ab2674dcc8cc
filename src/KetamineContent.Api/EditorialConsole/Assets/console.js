// The console's only script (everything works without it): the editor's side-by-side preview, autosave and toolbar,
// the focal-point picker and the import screen's slug.

// Focal-point pickers: a click on the image sets the two number fields (0..1 from the left and the top); the mark
// follows the fields. On the upload form the image is the file just chosen, shown from a local blob: URL.
(() => {
  const fraction = (v) => Math.min(1, Math.max(0, Number.parseFloat(v) || 0));
  for (const picker of document.querySelectorAll("[data-focal-picker]")) {
    const img = picker.querySelector("[data-focal-image]");
    const mark = picker.querySelector(".focal-mark");
    const x = picker.querySelector("[data-focal-x]");
    const y = picker.querySelector("[data-focal-y]");
    if (!img || !mark || !x || !y) continue;
    const place = () => {
      const shown = !img.hidden && img.complete && img.naturalWidth > 0;
      mark.hidden = !shown;
      if (shown) {
        mark.style.left = `${fraction(x.value) * 100}%`;
        mark.style.top = `${fraction(y.value) * 100}%`;
      }
    };
    img.addEventListener("click", (e) => {
      const box = img.getBoundingClientRect();
      x.value = fraction((e.clientX - box.left) / box.width).toFixed(2);
      y.value = fraction((e.clientY - box.top) / box.height).toFixed(2);
      place();
    });
    img.addEventListener("load", place);
    x.addEventListener("input", place);
    y.addEventListener("input", place);
    const source = picker.form?.querySelector("[data-focal-source]");
    source?.addEventListener("change", () => {
      const file = source.files?.[0];
      if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
      img.hidden = !(file && file.type.startsWith("image/"));
      if (!img.hidden) img.src = URL.createObjectURL(file);
      place();
    });
    place();
  }
})();

// A slug that follows its title as the title is typed, until the slug itself is edited (import screen).
(() => {
  for (const title of document.querySelectorAll("input[data-slug-source]")) {
    const slug = document.getElementById(title.dataset.slugSource);
    if (!slug) continue;
    let edited = slug.value !== "";
    slug.addEventListener("input", () => { edited = slug.value !== ""; });
    title.addEventListener("input", () => {
      if (!edited) slug.value = title.value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 120);
    });
  }
})();

// Never lose work (the editor form): every change is autosaved to the server a moment after typing stops (the whole
// form, with its antiforgery token, to the form's data-autosave address: a working copy, not a revision); leaving with
// changes not saved as a revision asks first; Ctrl+S or Cmd+S saves a revision.
// The editor form as the object the console's JSON routes take: Model.Title -> title, Model.Sections[2].Body -> sections[2].body.
const editorModel = (form) => {
  const model = { sections: [], references: [] };
  const camel = (name) => name[0].toLowerCase() + name.slice(1);
  for (const [key, value] of new FormData(form)) {
    const item = /^Model\.(Sections|References)\[(\d+)\]\.(\w+)$/.exec(key);
    if (item) {
      const list = model[camel(item[1])];
      (list[Number(item[2])] ??= {})[camel(item[3])] = value;
    } else if (key.startsWith("Model.") && key !== "Model.Op") {
      model[camel(key.slice(6))] = key === "Model.BaseRevision" ? Number(value) : value;
    }
  }
  model.sections = model.sections.filter(Boolean);
  model.references = model.references.filter(Boolean);
  return model;
};

// A JSON POST to a console route, with the page's antiforgery token in the header the console checks.
const postJson = (form, url, body) => fetch(url, {
  method: "POST",
  credentials: "same-origin",
  headers: { "Content-Type": "application/json", "X-CSRF-Token": form.querySelector("input[name=__RequestVerificationToken]")?.value ?? "" },
  body: JSON.stringify(body),
});

(() => {
  const form = document.querySelector("form[data-editor]");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const save = form.querySelector("button[value=save]");
  let changed = false;
  let submitting = false;
  let timer;
  let running = Promise.resolve();
  const say = (text) => { if (status) status.textContent = text; };
  const autosave = async () => {
    if (!form.dataset.autosave) return;
    try {
      const response = await postJson(form, form.dataset.autosave, editorModel(form));
      if (response.ok) {
        const { savedAt } = await response.json();
        say(`Autosaved at ${new Date(savedAt).toLocaleTimeString()} (not a revision yet).`);
      } else {
        const problem = await response.json().catch(() => ({}));
        say(`Not autosaved: ${problem.detail ?? response.statusText}`);
      }
    } catch {
      say("Not autosaved: the server could not be reached. Keep this page open and try again.");
    }
  };
  const changedNow = () => {
    changed = true;
    clearTimeout(timer);
    timer = setTimeout(() => { running = running.then(autosave); }, 800);
  };
  form.addEventListener("input", changedNow);
  form.addEventListener("kc-changed", changedNow);
  form.addEventListener("submit", () => { submitting = true; clearTimeout(timer); });
  window.addEventListener("beforeunload", (e) => {
    if (changed && !submitting) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      if (save) form.requestSubmit(save);
    }
  });
})();

// The side-by-side preview: the whole article rendered on the server by delivery's html renderer from the form as it
// is, fetched a moment after typing stops (only the latest answer is shown).
(() => {
  const form = document.querySelector("form[data-editor]");
  const target = document.getElementById("article-preview");
  if (!form || !target) return;
  let timer;
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    const response = await postJson(form, target.dataset.previewUrl, editorModel(form)).catch(() => null);
    if (mine !== asked || !response) return;
    if (response.ok) target.innerHTML = await response.text();
    else target.textContent = `No preview: ${(await response.json().catch(() => ({}))).detail ?? response.statusText}`;
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(refresh, 400); };
  form.addEventListener("input", later);
  form.addEventListener("kc-changed", later);
})();

// The editor's toolbar, one per section body (progressive enhancement: the text stays Markdown in the textarea).
// Buttons have names; Left/Right move between them (one tab stop per toolbar); pickers are modal dialogs whose list
// is a listbox driven from its search field with Up/Down and Enter; Escape closes.
(() => {
  const form = document.querySelector("form[data-editor]");
  if (!form) return;
  const changed = (area) => area.dispatchEvent(new Event("input", { bubbles: true }));
  const insert = (area, text, select = [text.length, text.length]) => {
    const start = area.selectionStart;
    area.setRangeText(text, start, area.selectionEnd, "end");
    area.setSelectionRange(start + select[0], start + select[1]);
    area.focus();
    changed(area);
  };
  const wrap = (area, before, after, placeholder) => {
    const chosen = area.value.slice(area.selectionStart, area.selectionEnd) || placeholder;
    insert(area, before + chosen + after, [before.length, before.length + chosen.length]);
  };
  const prefixLines = (area, prefix) => {
    const start = area.value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    const end = area.selectionEnd;
    const lines = area.value.slice(start, end).split("\n");
    const text = lines.map((l, i) => (typeof prefix === "function" ? prefix(i) : prefix) + l).join("\n");
    area.setSelectionRange(start, end);
    insert(area, text);
  };

  // One dialog for every picker: a title, a search field (a combobox over the listbox), an optional extra field.
  const dialog = document.createElement("dialog");
  dialog.className = "picker";
  dialog.setAttribute("aria-labelledby", "picker-title");
  dialog.innerHTML = `<form method="dialog" class="picker-form"><h2 id="picker-title"></h2>
    <label for="picker-search" id="picker-search-label">Search</label>
    <input id="picker-search" role="combobox" aria-expanded="true" aria-controls="picker-list" aria-autocomplete="list" autocomplete="off">
    <ul id="picker-list" role="listbox" aria-labelledby="picker-title"></ul>
    <div id="picker-extra" hidden><label for="picker-alt">Alt text (required: what the image shows)</label><input id="picker-alt" maxlength="300"></div>
    <p id="picker-error" class="error" role="alert"></p>
    <div class="row"><button type="button" id="picker-ok" class="primary">Insert</button><button type="button" id="picker-cancel">Cancel</button></div></form>`;
  document.body.append(dialog);
  const search = dialog.querySelector("#picker-search");
  const list = dialog.querySelector("#picker-list");
  const extra = dialog.querySelector("#picker-extra");
  const alt = dialog.querySelector("#picker-alt");
  const error = dialog.querySelector("#picker-error");
  let current = null;
  let active = -1;
  let items = [];
  const show = () => {
    list.replaceChildren(...items.map((item, i) => {
      const li = document.createElement("li");
      li.id = `picker-option-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      if (item.thumbnail) {
        const img = document.createElement("img");
        img.src = item.thumbnail;
        img.alt = "";
        img.className = "thumb";
        li.append(img);
      }
      li.append(document.createTextNode(item.label));
      li.addEventListener("click", () => { choose(i); });
      return li;
    }));
    if (active >= 0) search.setAttribute("aria-activedescendant", `picker-option-${active}`);
    else search.removeAttribute("aria-activedescendant");
    if (items.length === 0) list.replaceChildren(Object.assign(document.createElement("li"), { textContent: "Nothing found." }));
  };
  const choose = (i) => {
    active = i;
    show();
    if (current?.needsAlt) { alt.value = items[i]?.alt ?? ""; alt.focus(); } else finish();
  };
  const finish = () => {
    const item = items[active];
    if (!item) { error.textContent = "Pick one from the list first (Up and Down, then Enter)."; return; }
    if (current.needsAlt && alt.value.trim() === "") { error.textContent = "Alt text is required: say what the image shows."; alt.focus(); return; }
    const done = current;
    dialog.close();
    done.insert(item, alt.value.trim());
  };
  const load = async () => {
    items = await current.items(search.value.trim());
    active = items.length > 0 ? 0 : -1;
    show();
  };
  let searchTimer;
  search.addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(load, 200); });
  search.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (items.length) active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      show();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (active >= 0) choose(active);
    }
  });
  alt.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); finish(); } });
  dialog.querySelector("#picker-ok").addEventListener("click", finish);
  dialog.querySelector("#picker-cancel").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => { current?.area.focus(); });
  const open = async (picker) => {
    current = picker;
    dialog.querySelector("#picker-title").textContent = picker.title;
    extra.hidden = !picker.needsAlt;
    error.textContent = "";
    search.value = "";
    alt.value = "";
    dialog.showModal();
    search.focus();
    await load();
  };
  const json = async (url) => { const r = await fetch(url, { credentials: "same-origin" }); return r.ok ? r.json() : []; };

  const pickers = {
    article: (area) => ({
      area, title: "Link to another article",
      items: async (q) => (await json(`/console/pick/articles?q=${encodeURIComponent(q)}`)).map((a) => ({ ...a, label: `${a.title} (${a.slug}, ${a.status})` })),
      insert: (a) => { area.focus(); wrap(area, "[", `](article:${a.slug})`, a.title); },
    }),
    image: (area) => ({
      area, title: "Insert an image from the media library", needsAlt: true,
      items: async (q) => (await json(`/console/pick/images?q=${encodeURIComponent(q)}`)).map((i) => ({ ...i, label: `${i.filename}${i.alt ? ` (${i.alt})` : ""}` })),
      insert: (i, text) => { area.focus(); insert(area, `![${text.replace(/[[\]]/g, "")}](asset:${i.id})`); },
    }),
    citation: (area) => ({
      area, title: "Cite a reference of this article",
      items: async (q) => [...form.querySelectorAll("input[id^=ref-id-]")].map((input) => {
        const n = input.id.slice("ref-id-".length);
        const title = document.getElementById(`ref-title-${n}`)?.value ?? "";
        return { id: input.value.trim(), label: `${input.value.trim()}: ${title}` };
      }).filter((r) => r.id && r.label.toLowerCase().includes(q.toLowerCase())),
      insert: (r) => { area.focus(); insert(area, `[^${r.id}]`); },
    }),
  };

  const actions = [
    ["Bold", "Bold", (a) => wrap(a, "**", "**", "bold text")],
    ["Italic", "Italic", (a) => wrap(a, "_", "_", "italic text")],
    ["Heading inside the section", "Heading", (a) => prefixLines(a, "### ")],
    ["List with bullets", "List", (a) => prefixLines(a, "- ")],
    ["Numbered list", "Numbered", (a) => prefixLines(a, (i) => `${i + 1}. `)],
    ["Link to a web address", "Link", (a) => wrap(a, "[", "](https://)", "link text")],
    ["Article link: pick another article by title", "Article link", (a) => open(pickers.article(a))],
    ["Image from the media library", "Image", (a) => open(pickers.image(a))],
    ["Cite a reference of this article", "Cite", (a) => open(pickers.citation(a))],
  ];
  for (const area of form.querySelectorAll("textarea[id^=body-]")) {
    const bar = document.createElement("div");
    bar.className = "toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", `Format the body of section ${Number(area.id.slice("body-".length)) + 1}`);
    bar.setAttribute("aria-controls", area.id);
    const buttons = actions.map(([name, text, run], i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", name);
      b.title = name;
      b.dataset.action = name;
      b.tabIndex = i === 0 ? 0 : -1;
      b.addEventListener("click", () => run(area));
      return b;
    });
    bar.addEventListener("keydown", (e) => {
      const i = buttons.indexOf(document.activeElement);
      if (i < 0 || !["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
      e.preventDefault();
      const next = e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : (i + (e.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length;
      buttons[i].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
    bar.append(...buttons);
    area.before(bar);
  }
})();

// Copy buttons (the new key on the keys page): shown only where the script runs; they say whether the copy worked.
(() => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById("copy-status");
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        if (status) status.textContent = "Copied.";
      } catch {
        if (status) status.textContent = "Could not copy: select the key and copy it by hand.";
      }
    });
  }
})();
