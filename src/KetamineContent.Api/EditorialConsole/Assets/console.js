// The console's only script: a live preview of each section's Markdown, rendered on the server by the same
// renderer as delivery (POST /console/preview with the form's antiforgery token). Everything works without it.
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
