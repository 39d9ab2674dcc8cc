// The console's only script: a live preview of each section's Markdown, rendered on the server by the same
// renderer as delivery (POST /console/preview with the form's antiforgery token), and the focal-point picker.
// Everything works without it.
(() => {
  const timers = new Map();
  for (const area of document.querySelectorAll("textarea[data-preview]")) {
    const target = document.getElementById(area.dataset.preview);
    const form = area.form;
    if (!target || !form) continue;
    area.addEventListener("input", () => {
      clearTimeout(timers.get(area));
      timers.set(area, setTimeout(async () => {
        const body = new FormData();
        body.append("markdown", area.value);
        const token = form.querySelector("input[name=__RequestVerificationToken]");
        if (token) body.append("__RequestVerificationToken", token.value);
        const response = await fetch("/console/preview", { method: "POST", body, credentials: "same-origin" });
        if (response.ok) target.innerHTML = await response.text();
      }, 250));
    });
  }
})();

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
