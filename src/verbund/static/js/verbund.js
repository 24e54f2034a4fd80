// Small progressive enhancements; every page works without JavaScript.
(() => {
  const NARROW = window.matchMedia("(max-width: 50rem)");
  // Selects with at least this many options get a search field (organizations, topics).
  const FILTER_MIN_OPTIONS = 15;

  function enhance(root) {
    // Confirm destructive buttons that carry data-confirm (the server asks again where it matters).
    root.querySelectorAll("[data-confirm]").forEach((element) => {
      element.addEventListener("click", (event) => {
        if (!window.confirm(element.dataset.confirm)) event.preventDefault();
      });
    });
    // Copy buttons (API token shown once).
    root.querySelectorAll("[data-copy]").forEach((button) => {
      button.addEventListener("click", () => {
        const target = document.getElementById(button.dataset.copy);
        if (target && navigator.clipboard) navigator.clipboard.writeText(target.textContent.trim());
      });
    });
    // Wide tables: say that they scroll sideways, and make them reachable by keyboard.
    root.querySelectorAll(".table-wrap").forEach((wrap) => {
      const scrollable = wrap.scrollWidth > wrap.clientWidth + 2;
      wrap.classList.toggle("is-scrollable", scrollable);
      if (scrollable && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        if (!wrap.hasAttribute("role")) wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label")) {
          const caption = wrap.querySelector("caption");
          wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
        }
      }
      const template = document.getElementById("scroll-hint-text");
      const previous = wrap.previousElementSibling;
      const hasHint = previous && previous.classList.contains("scroll-hint");
      if (scrollable && template && !hasHint) {
        const hint = document.createElement("p");
        hint.className = "scroll-hint is-visible";
        hint.textContent = template.content.textContent.trim();
        wrap.before(hint);
      }
    });
    // Tables that become one card per row on phones: each cell names its column.
    root.querySelectorAll("table.stack-narrow").forEach((table) => {
      const headers = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
      table.querySelectorAll("tbody tr").forEach((row) => {
        Array.from(row.children).forEach((cell, index) => {
          if (headers[index] && !cell.dataset.label) cell.dataset.label = headers[index];
        });
      });
    });
    // Long selects (organizations, topics) get a search field that narrows their options.
    root.querySelectorAll("form.stacked select, select[data-filterable]").forEach((select) => {
      if (select.options.length < FILTER_MIN_OPTIONS || select.dataset.filterReady) return;
      select.dataset.filterReady = "1";
      const template = document.getElementById("select-filter-text");
      const filter = document.createElement("input");
      filter.type = "search";
      filter.className = "select-filter";
      filter.placeholder = template ? template.dataset.placeholder : "";
      // Its name must not repeat the select's label: that label stays unique to the select.
      filter.setAttribute("aria-label", template ? template.content.textContent.trim() : "");
      filter.setAttribute("aria-controls", select.id);
      filter.addEventListener("input", () => {
        const words = filter.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
        Array.from(select.options).forEach((option) => {
          const text = option.textContent.toLocaleLowerCase();
          option.hidden = !option.selected && words.some((word) => !text.includes(word));
        });
      });
      select.before(filter);
    });
    // Collapsible panels (filters) start closed on phones, so results come first.
    root.querySelectorAll("details.panel[data-collapse-narrow]").forEach((panel) => {
      if (NARROW.matches && !panel.dataset.userOpened) panel.open = false;
      panel.querySelector("summary")?.addEventListener("click", () => {
        panel.dataset.userOpened = "1";
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => enhance(document));

  // On phones the main navigation is one swipeable row: show the current section in it.
  document.addEventListener("DOMContentLoaded", () => {
    const nav = document.querySelector(".main-nav");
    const current = nav && nav.querySelector('[aria-current="page"]');
    if (current && nav.scrollWidth > nav.clientWidth) {
      nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
    }
  });

  // Organization search field (core/widgets.py): pick a match with mouse or keyboard.
  function choose(option) {
    const box = option.closest("[data-autocomplete]");
    const search = box.querySelector("[role=combobox]");
    box.querySelector("[data-autocomplete-value]").value = option.dataset.value;
    search.value = option.dataset.label;
    box.querySelector("[role=listbox]").replaceChildren();
    search.setAttribute("aria-expanded", "false");
    search.focus();
  }
  document.addEventListener("click", (event) => {
    const option = event.target.closest("[data-autocomplete] [role=option][data-value]");
    if (option) choose(option);
  });
  document.addEventListener("input", (event) => {
    if (event.target.matches("[data-autocomplete] [role=combobox]")) {
      // Typing again means the earlier choice no longer holds.
      event.target.closest("[data-autocomplete]").querySelector("[data-autocomplete-value]").value = "";
    }
  });
  document.addEventListener("keydown", (event) => {
    const box = event.target.closest && event.target.closest("[data-autocomplete]");
    if (!box) return;
    const options = Array.from(box.querySelectorAll("[role=option][data-value]"));
    const search = box.querySelector("[role=combobox]");
    const index = options.indexOf(event.target);
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      options[Math.min(index + 1, options.length - 1)].focus();
    } else if (event.key === "ArrowUp" && index >= 0) {
      event.preventDefault();
      (index === 0 ? search : options[index - 1]).focus();
    } else if (event.key === "Enter" && index >= 0) {
      event.preventDefault();
      choose(event.target);
    } else if (event.key === "Escape") {
      box.querySelector("[role=listbox]").replaceChildren();
      search.setAttribute("aria-expanded", "false");
      search.focus();
    }
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    const list = event.detail.target;
    if (list && list.matches && list.matches("[data-autocomplete] [role=listbox]")) {
      const search = list.closest("[data-autocomplete]").querySelector("[role=combobox]");
      search.setAttribute("aria-expanded", list.children.length ? "true" : "false");
    }
  });

  // htmx swaps replace the control that was just used; put the focus back on its
  // successor (same id, or same name and value for checkboxes), never on <body>.
  let lastFocus = null;
  const openPanels = new Set();
  document.addEventListener("htmx:beforeSwap", () => {
    const active = document.activeElement;
    lastFocus = active && active !== document.body
      ? { id: active.id, name: active.getAttribute("name"), value: active.value, tag: active.tagName }
      : null;
    openPanels.clear();
    document.querySelectorAll("details.panel[id]").forEach((panel) => {
      if (panel.open) openPanels.add(panel.id);
    });
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    enhance(event.detail.elt || document);
    document.querySelectorAll("details.panel[id]").forEach((panel) => {
      if (NARROW.matches) panel.open = openPanels.has(panel.id);
    });
    if (!lastFocus || (document.activeElement && document.activeElement !== document.body)) return;
    let target = lastFocus.id ? document.getElementById(lastFocus.id) : null;
    if (!target && lastFocus.name) {
      const candidates = document.querySelectorAll(`${lastFocus.tag}[name="${CSS.escape(lastFocus.name)}"]`);
      target = Array.from(candidates).find((element) => element.value === lastFocus.value) || candidates[0];
    }
    if (target) target.focus({ preventScroll: true });
  });
})();
