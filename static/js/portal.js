// Moves focus to the error summary after a failed submit, so screen readers announce it.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// "Skriv ut" buttons on the annual follow-up.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});

// A live count under text fields with a limit (data-max-chars). Without JavaScript the hint
// states the limit and the server refuses longer text with a message; nothing is cut off.
document.addEventListener("DOMContentLoaded", () => {
  const sv = (document.documentElement.lang || "sv").startsWith("sv");
  document.querySelectorAll("textarea[data-max-chars]").forEach((field) => {
    const max = Number(field.dataset.maxChars);
    const counter = document.createElement("p");
    counter.className = "form-text char-count";
    counter.id = `${field.id}-count`;
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", `${described ? described + " " : ""}${counter.id}`);
    const update = () => {
      // Characters as the server counts them: an emoji is one, not two UTF-16 units.
      const left = max - Array.from(field.value).length;
      // Numbers grouped as the server writes them ("2 000", a no-break space), not "2000".
      const fmt = (n) => n.toLocaleString(sv ? "sv-SE" : "en-GB");
      if (left >= 0) {
        counter.textContent = sv ? `${fmt(left)} tecken kvar av ${fmt(max)}.` : `${fmt(left)} of ${fmt(max)} characters left.`;
        counter.classList.remove("text-danger");
      } else {
        counter.textContent = sv
          ? `${fmt(-left)} tecken för mycket. Korta texten till högst ${fmt(max)} tecken.`
          : `${fmt(-left)} characters too many. Shorten the text to at most ${fmt(max)} characters.`;
        counter.classList.add("text-danger");
      }
    };
    field.addEventListener("input", update);
    update();
  });
});

// Protocol rows: "Lägg till en rad" adds a blank row here instead of sending the form (without
// JavaScript the button sends it and the page comes back with one more row, nothing saved).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-formset]").forEach((fieldset) => {
    const prefix = fieldset.dataset.formset;
    const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const rows = fieldset.querySelector("[data-formset-rows]");
    const template = fieldset.querySelector("template[data-formset-template]");
    const button = fieldset.querySelector("[data-add-row]");
    if (!total || !rows || !template || !button) {
      return;
    }
    // The most rows the server reads (the formset's max_num): past it the button goes and a
    // line says why.
    const max = Number(fieldset.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`)?.value);
    const full = fieldset.querySelector("[data-rows-full]");
    button.addEventListener("click", (event) => {
      event.preventDefault();
      const index = Number(total.value);
      if (max && index >= max) {
        return;
      }
      const html = template.innerHTML.replaceAll("__prefix__", String(index));
      const holder = document.createElement("div");
      holder.innerHTML = html;
      const row = holder.firstElementChild;
      row.id = `row-${prefix}-${index}`;
      rows.appendChild(row);
      total.value = String(index + 1);
      if (max && index + 1 >= max) {
        button.hidden = true;
        if (full) {
          full.hidden = false;
        }
      }
      const first = row.querySelector("input, select, textarea");
      (first || row).focus();
    });
  });
});
