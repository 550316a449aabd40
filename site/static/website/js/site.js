// Progressive enhancement only: every page works without this file.
// Filter forms marked data-autosubmit apply a choice as soon as it is made.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form && event.target.matches("select")) {
    form.requestSubmit();
  }
});

// Wide tables: the sideways-scrolling hint (shown without JavaScript) only where the table
// really is wider than its region.
const fitTables = () => {
  for (const region of document.querySelectorAll(".table-scroll")) {
    const hint = document.getElementById(region.getAttribute("aria-describedby"));
    if (hint) {
      hint.hidden = region.scrollWidth <= region.clientWidth;
    }
  }
};
fitTables();
window.addEventListener("resize", fitTables);
