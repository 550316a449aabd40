// The student tools, improved: every link and form here works without this file.
// Keep an item on the device without leaving the page; open the phone's share sheet;
// copy a link; print. Texts come from the page (data-*), so they are translated there.
document.addEventListener("click", async (event) => {
  const keep = event.target.closest("a[data-keep]");
  if (keep) {
    event.preventDefault();
    try {
      const response = await fetch(keep.href, { headers: { "X-Requested-With": "fetch" } });
      if (!response.ok) throw new Error(String(response.status));
      const { count } = await response.json();
      keep.textContent = `${keep.dataset.kept} (${count})`;
      keep.href = keep.dataset.list;
      delete keep.dataset.keep;
    } catch {
      window.location.assign(keep.href);
    }
    return;
  }
  const share = event.target.closest("button[data-share]");
  if (share) {
    navigator.share({ title: share.dataset.shareTitle, url: share.dataset.share }).catch(() => {});
    return;
  }
  const copy = event.target.closest("button[data-copy]");
  if (copy) {
    const input = document.getElementById(copy.dataset.copy);
    const status = copy.closest(".share")?.querySelector(".share__status");
    navigator.clipboard.writeText(input.value).then(
      () => { if (status) status.textContent = copy.dataset.copied; },
      () => input.select(),
    );
    return;
  }
  if (event.target.closest("button[data-print]")) window.print();
});

for (const button of document.querySelectorAll("[data-share], [data-copy], [data-print]")) {
  const usable = ("share" in button.dataset ? navigator.share : true) &&
    ("copy" in button.dataset ? navigator.clipboard : true);
  if (usable) button.hidden = false;
}
