// Wagtail's admin starts a few widgets (date pickers, inline panels) from inline <script>
// tags, which the Content-Security-Policy blocks. Our overrides of those templates put the
// same calls in data attributes; this file makes them, also for forms added later.
(() => {
  const widgets = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];
  const panels = ["InlinePanel", "MultipleChooserPanel"];
  const started = new WeakSet();

  const startAll = (root) => {
    root.querySelectorAll("[data-csp-init], [data-csp-panel]").forEach((element) => {
      if (started.has(element)) return;
      started.add(element);
      const config = JSON.parse(element.dataset.cspConfig);
      const { cspInit, cspPanel, cspTarget } = element.dataset;
      if (widgets.includes(cspInit)) {
        window[cspInit](cspTarget, config);
      } else if (panels.includes(cspPanel)) {
        new window[cspPanel](config);
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
