// Wagtail's admin starts a few widgets (date pickers, inline panels, choosers) from inline
// <script> tags, which the Content-Security-Policy blocks. Our overrides of those templates
// (templates/wagtailadmin/) and website.middleware.AdminChooserScriptMiddleware put the same
// calls in data attributes; this file makes them, also for forms added later.
(() => {
  const widgets = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];
  const panels = ["InlinePanel", "MultipleChooserPanel"];
  const isChooser = (name) => /^\w*Chooser$/.test(name) && typeof window[name] === "function";
  const started = new WeakSet();

  const startAll = (root) => {
    root.querySelectorAll("[data-csp-init], [data-csp-panel], [data-csp-new]").forEach((element) => {
      if (started.has(element)) return;
      started.add(element);
      const config = JSON.parse(element.dataset.cspConfig);
      const { cspInit, cspNew, cspPanel, cspTarget } = element.dataset;
      if (widgets.includes(cspInit)) {
        window[cspInit](cspTarget, config);
      } else if (panels.includes(cspPanel)) {
        new window[cspPanel](config);
      } else if (isChooser(cspNew)) {
        new window[cspNew](...config);
      }
    });
  };

  const watch = () => {
    startAll(document);
    new MutationObserver((mutations) => {
      mutations.forEach((mutation) => {
        mutation.addedNodes.forEach((node) => {
          if (node.nodeType === Node.ELEMENT_NODE) startAll(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
