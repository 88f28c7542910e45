// kalem serve: reload the page when a rebuild finishes, say when one runs.
(() => {
  const shown = document.body.dataset.generation;
  const status = document.getElementById("status");
  async function poll() {
    try {
      const reply = await fetch("/_kalem/generation", { cache: "no-store" });
      const [generation, state] = (await reply.text()).split(" ");
      if (generation !== shown) return location.reload();
      status.textContent = state === "building" ? "rebuilding…" : "";
    } catch (e) {
      status.textContent = "kalem serve is not running";
    }
    setTimeout(poll, 500);
  }
  setTimeout(poll, 500);
})();
