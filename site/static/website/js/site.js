// Progressive enhancement only: every page works without this file.
// Filter forms marked data-autosubmit apply a choice as soon as it is made.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form && event.target.matches("select")) {
    form.requestSubmit();
  }
});
