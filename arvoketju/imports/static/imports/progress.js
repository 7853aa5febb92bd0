// Updates the import progress bar from the job's JSON status without reloading the page; the page's
// own refresh takes over when the import ends (or when scripts are off).
(function () {
  const main = document.getElementById("content-main");
  if (!main || main.dataset.state !== "running") return;
  const bar = document.getElementById("import-progress");
  const text = document.getElementById("import-progress-text");
  async function poll() {
    try {
      const status = await (await fetch(main.dataset.statusUrl, { credentials: "same-origin" })).json();
      if (status.state !== "running") { window.location.reload(); return; }
      const percent = status.total ? Math.floor((status.done * 100) / status.total) : 0;
      bar.value = percent;
      text.textContent = text.textContent.replace(/\d+ \/ \d+|\d+\D+\d+/, status.done + " / " + status.total);
    } catch (e) { /* the page refresh still works */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
