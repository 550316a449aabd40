// Progressive enhancement of /tim-kiem/: the page works without this file.
// With it, choosing a filter, sorting, removing a chip or turning a page updates the results
// without a full reload (the URL still carries the whole state), and suggestions appear
// while typing.
(() => {
  const form = document.querySelector("form[data-search-form]");
  if (!form || !window.fetch || !window.DOMParser) {
    return;
  }
  const regions = [
    "[data-search-summary]",
    "[data-filter-count]",
    "[data-search-results]",
    ".search-facets",
  ];
  // Wide screens show the filters beside the results; phones keep them behind "Lọc".
  const filters = form.querySelector("[data-search-filters]");
  if (filters && window.matchMedia("(min-width: 60rem)").matches) {
    filters.open = true;
  }
  let controller = null;

  const urlFromForm = () => {
    const params = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...params.entries()]) {
      if (value === "") {
        params.delete(key, value);
      }
    }
    return `${form.action.split("?")[0]}?${params.toString()}`;
  };

  const load = async (url, push) => {
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    const results = document.querySelector("[data-search-results]");
    results.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, {
        headers: { Accept: "text/html" },
        signal: controller.signal,
      });
      const html = await response.text();
      const fresh = new DOMParser().parseFromString(html, "text/html");
      for (const selector of regions) {
        const target = document.querySelector(selector);
        const source = fresh.querySelector(selector);
        if (target && source) {
          target.replaceChildren(...source.childNodes);
        }
      }
      document.title = fresh.title;
      if (push) {
        history.pushState({}, "", url);
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        window.location.assign(url);
      }
    } finally {
      results.removeAttribute("aria-busy");
    }
  };

  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox], select")) {
      load(urlFromForm(), true);
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(urlFromForm(), true);
  });
  form.addEventListener("click", (event) => {
    const link = event.target.closest(".search-chips a, .pagination a");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      load(link.href, true);
    }
  });
  window.addEventListener("popstate", () => load(window.location.href, false));

  // Suggestions while typing, in the input's <datalist>.
  const input = form.querySelector("input[type=search]");
  const list = document.getElementById(input ? input.getAttribute("list") : "");
  const kind = form.querySelector("input[name=loai]");
  let timer = null;
  if (input && list) {
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const text = input.value.trim();
        if (text.length < 2) {
          list.replaceChildren();
          return;
        }
        const params = new URLSearchParams({ q: text, loai: kind ? kind.value : "" });
        try {
          const response = await fetch(`${form.dataset.suggestUrl}?${params}`);
          const data = await response.json();
          list.replaceChildren(
            ...(data.suggestions || []).map((item) => {
              const option = document.createElement("option");
              option.value = item.title;
              return option;
            }),
          );
        } catch (error) {
          list.replaceChildren();
        }
      }, 200);
    });
  }
})();
