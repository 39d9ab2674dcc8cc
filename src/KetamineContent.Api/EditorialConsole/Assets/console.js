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
