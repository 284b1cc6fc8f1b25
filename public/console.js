// The console works without this script. With it: choosing a template fills the status and the
// message at once (without it, the "Use template" button does it on the server); a refused form's
// error summary takes the focus, so a keyboard or screen reader user starts at what went wrong.
(() => {
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
(() => {
  const data = document.getElementById("templates-data");
  const picker = document.querySelector(".template-picker");
  if (!data || !picker) return;
  const templates = JSON.parse(data.textContent || "{}");
  const form = picker.closest("form");
  const select = picker.querySelector("select");
  if (!form || !select) return;
  picker.classList.add("js");
  select.addEventListener("change", () => {
    const chosen = templates[select.value];
    if (!chosen) return;
    const body = form.querySelector('textarea[name="body"]');
    const status = form.querySelector('select[name="status"]');
    if (body && (body.value.trim() === "" || window.confirm("Replace the message you typed with the template?"))) body.value = chosen.body;
    if (status && [...status.options].some((o) => o.value === chosen.status)) status.value = chosen.status;
  });
})();
