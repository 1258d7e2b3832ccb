// mdbook-patterns: the interactive Pattern Selection Wizard.
//
// Progressive enhancement: the page already holds the whole static wizard. This script fills in
// the hidden panel #patterns-wizard with three steps (domain, the domain's question, the decision
// tree's questions one at a time) and shows what mdbook-patterns recommends for those answers.
// The JSON in #patterns-wizard-data holds what the engine computed for each option and for each
// walk of the decision tree; `recommend` below combines the two by the engine's own rule
// (src/recommend.rs, `combine`), and a browser test checks that both agree on every choice.
// The state lives in the URL hash (#wizard=domain/option/node=Label/...), so links restore a
// result and back/forward walk the steps, from a server or from file://.
(function () {
  "use strict";
  var panel = document.getElementById("patterns-wizard");
  var source = document.getElementById("patterns-wizard-data");
  if (!panel || !source) return;
  var data = JSON.parse(source.textContent);
  var PREFIX = "#wizard=";
  var BADGE = { gold: "🥇 Gold", silver: "🥈 Silver", bronze: "🥉 Bronze" };

  function parse(hash) {
    var state = { domain: "", option: "", answers: [] };
    if (hash.indexOf(PREFIX) !== 0) return state;
    var parts = hash.slice(PREFIX.length).split("/").map(decodeURIComponent);
    state.domain = parts[0] || "";
    state.option = parts[1] || "";
    parts.slice(2).forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) state.answers.push([part.slice(0, at), part.slice(at + 1)]);
    });
    return state;
  }

  function format(state) {
    var parts = [state.domain, state.option].concat(
      state.answers.map(function (a) { return a[0] + "=" + a[1]; }));
    return PREFIX + parts.filter(Boolean).map(encodeURIComponent).join("/");
  }

  function go(state) {
    var hash = format(state);
    if (location.hash !== hash) location.hash = hash; // a history entry; hashchange renders
    else render();
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function append(parent, child) {
    if (child) parent.appendChild(child);
  }

  function domainOf(state) {
    return data.domains.filter(function (d) { return d.id === state.domain; })[0];
  }

  function answersKey(answers) {
    return answers.map(function (a) { return a[0] + "=" + a[1]; }).join("/");
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  function pattern(id) {
    return own(data.patterns, id) || { name: id, md: id };
  }

  // The engine's result for an option and answers given in the tree's order, with the Markdown
  // that "Copy as Markdown" copies; undefined for a choice the data does not have.
  function recommend(domainId, optionId, answers) {
    var option = own(data.options, domainId + "/" + optionId);
    var walk = own(data.walks, answersKey(answers));
    if (!option || !walk) return undefined;
    // Patterns in the order they were first recommended, with every reason given for each.
    var entries = [];
    var byId = new Map();
    function add(id, reason, md) {
      var entry = byId.get(id);
      if (!entry) {
        entry = { pattern: id, reasons: [], md: [] };
        byId.set(id, entry);
        entries.push(entry);
      }
      if (entry.reasons.indexOf(reason) < 0) {
        entry.reasons.push(reason);
        entry.md.push(md);
      }
    }
    option.patterns.forEach(function (id) { add(id, option.title, option.md); });
    walk.added.forEach(function (a) { add(a[0], a[1], a[2]); });
    function ofTier(tier) {
      return entries.filter(function (e) { return pattern(e.pattern).tier === tier; });
    }
    // Bronze patterns that were recommended, then legacy patterns whose replacement was.
    var replacement = new Map(data.replaced);
    var avoid = ofTier("bronze").map(function (e) {
      return { pattern: e.pattern, instead: replacement.get(e.pattern) || "", reasons: e.reasons, md: e.md };
    });
    data.replaced.forEach(function (pair) {
      var instead = byId.get(pair[1]);
      if (!instead || avoid.some(function (a) { return a.pattern === pair[0]; })) return;
      var name = pattern(pair[1]);
      avoid.push({ pattern: pair[0], instead: pair[1],
        reasons: [name.name + " is recommended"].concat(instead.reasons),
        md: [name.md + " is recommended"].concat(instead.md) });
    });
    var result = {
      domain: domainId,
      option: optionId,
      title: option.title,
      path: walk.path.map(function (a) {
        return { node: a[0], question: data.questions[a[0]].question, answer: a[1] };
      }),
      next_question: walk.next,
      next_question_text: walk.next === null ? null : data.questions[walk.next].question,
      stack: option.stack.map(function (row) {
        var p = pattern(row.pattern);
        return { pattern: row.pattern, name: p.name, tier: p.tier, why: row.why, evidence: row.evidence };
      }),
      core: ofTier("gold").map(recipeEntry),
      scale: ofTier("silver").map(recipeEntry),
      avoid: avoid.map(function (a) {
        return { pattern: a.pattern, name: pattern(a.pattern).name, instead: a.instead,
          instead_name: a.instead ? pattern(a.instead).name : "", reasons: a.reasons };
      })
    };
    result.markdown = markdown(option, walk, ofTier("gold"), ofTier("silver"), avoid);
    return result;
  }

  function recipeEntry(e) {
    var p = pattern(e.pattern);
    return { pattern: e.pattern, name: p.name, tier: p.tier, reasons: e.reasons };
  }

  // The Markdown document of a result, as src/recommend.rs `to_markdown` writes it.
  function markdown(option, walk, core, scale, avoid) {
    var sections = ["# " + option.md];
    if (walk.intro_md !== null) sections.push(walk.intro_md);
    if (option.stack_md !== null) sections.push(option.stack_md);
    function list(title, lines) {
      if (!lines.length) return;
      sections.push("## " + title + "\n\n" + lines.map(function (line, i) {
        return (i + 1) + ". " + line;
      }).join("\n"));
    }
    function line(e) { return "**" + pattern(e.pattern).md + "**: " + e.md.join("; "); }
    list("🥇 Core Patterns (Must Have)", core.map(line));
    list("🥈 Scale Patterns (Add When Growing)", scale.map(line));
    list("🥉 Avoid These (Legacy)", avoid.map(function (a) {
      return "❌ **" + pattern(a.pattern).md + "** → **" + (a.instead ? pattern(a.instead).md : "") +
        "**: " + a.md.join("; ");
    }));
    return sections.join("\n\n") + "\n";
  }

  function resultOf(state) {
    return recommend(state.domain, state.option, state.answers);
  }

  // A radio group in a fieldset: the accessible way to ask one question.
  function question(step, name, legend, choices, chosen, onChoose) {
    var fieldset = el("fieldset", { class: "patterns-wizard-step", "data-step": name });
    fieldset.appendChild(el("legend", {}, [
      el("span", { class: "patterns-wizard-step-number", text: step }),
      document.createTextNode(" " + legend)]));
    choices.forEach(function (choice) {
      var id = "patterns-wizard-" + name + "-" + choice.value.replace(/[^A-Za-z0-9_-]/g, "_");
      var input = el("input", { type: "radio", name: "patterns-wizard-" + name, id: id, value: choice.value });
      input.checked = choice.value === chosen;
      input.addEventListener("change", function () { onChoose(choice.value); });
      fieldset.appendChild(el("div", { class: "patterns-wizard-choice" }, [
        input, el("label", { for: id, text: choice.label })]));
    });
    return fieldset;
  }

  function patternCell(id) {
    var p = pattern(id);
    var strong = el("strong", { text: p.name });
    return p.href ? el("a", { href: p.href }, [strong]) : strong;
  }

  function stackTable(result) {
    var head = el("tr", {}, ["Pattern", "Tier", "Why", "Evidence"].map(function (h) {
      return el("th", { scope: "col", text: h });
    }));
    var rows = result.stack.map(function (row) {
      return el("tr", {}, [el("td", {}, [patternCell(row.pattern)]),
        el("td", { text: BADGE[row.tier] }), el("td", { text: row.why }),
        el("td", { text: row.evidence || "" })]);
    });
    return el("table", { class: "patterns-wizard-stack" },
      [el("thead", {}, [head]), el("tbody", {}, rows)]);
  }

  function recipeList(part, title, entries, avoid) {
    if (!entries.length) return null;
    var items = entries.map(function (e) {
      var line = el("li", { "data-pattern": e.pattern }, [patternCell(e.pattern)]);
      if (avoid) {
        line.insertBefore(document.createTextNode("❌ "), line.firstChild);
        line.appendChild(document.createTextNode(" → "));
        line.appendChild(patternCell(e.instead));
      }
      line.appendChild(el("span", { class: "patterns-wizard-reasons", text: " — " + e.reasons.join("; ") }));
      return line;
    });
    return el("section", { class: "patterns-wizard-recipe-part", "data-part": part },
      [el("h4", { text: title }), el("ol", {}, items)]);
  }

  // The option's blueprint, shown from the static wizard below (cloned, not recomputed).
  function blueprint(state) {
    var option = own(data.options, state.domain + "/" + state.option);
    var heading = option && document.getElementById(option.anchor);
    for (var node = heading && heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (/^H[1-4]$/.test(node.tagName)) break;
      var diagram = node.matches("pre, svg, .mermaid") ? node : node.querySelector("pre code.language-mermaid, svg, .mermaid");
      if (diagram) return el("figure", { class: "patterns-wizard-blueprint", tabindex: "0" }, [copyOf(diagram)]);
    }
    return null;
  }

  // A copy of a diagram for the panel. An inline SVG's element ids all start with its own id;
  // the copy gets ids of its own, so that no id is on the page twice.
  function copyOf(diagram) {
    if (diagram.closest("pre")) return diagram.closest("pre").cloneNode(true);
    var svg = diagram.closest("svg") || diagram;
    if (!svg.id) return svg.cloneNode(true);
    var holder = document.createElement("div");
    holder.innerHTML = svg.outerHTML.split(svg.id).join(svg.id + "-panel");
    return holder.firstElementChild;
  }

  function copy(text, status) {
    function done() { status.textContent = "Copied the recipe as Markdown."; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else fallback();
    function fallback() {
      var area = el("textarea", { class: "patterns-wizard-copy-buffer", "aria-hidden": "true" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (e) { status.textContent = "Select the Markdown and copy it."; }
      area.remove();
    }
  }

  function render() {
    var state = parse(location.hash);
    var focused = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : "";
    var domain = domainOf(state);
    var form = el("form", { class: "patterns-wizard-form", "aria-labelledby": "patterns-wizard-title" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.appendChild(question("1", "domain", "Choose your domain",
      data.domains.map(function (d) { return { value: d.id, label: (d.icon ? d.icon + " " : "") + d.title }; }),
      state.domain, function (v) { go({ domain: v, option: "", answers: [] }); }));
    var result;
    if (domain) {
      form.appendChild(question("2", "option", domain.question, domain.options.map(function (o) {
        return { value: o.id, label: (o.icon ? o.icon + " " : "") + o.title + (o.qualifier ? " (" + o.qualifier + ")" : "") };
      }), state.option, function (v) { go({ domain: state.domain, option: v, answers: [] }); }));
      result = resultOf(state);
    }
    if (result) {
      var asked = result.path.map(function (a) { return a.node; });
      if (result.next_question) asked.push(result.next_question);
      asked.forEach(function (node, i) {
        var q = data.questions[node];
        var chosen = (state.answers[i] || [])[1];
        form.appendChild(question("3." + (i + 1), "q-" + node, q.question,
          q.answers.map(function (a) { return { value: a, label: a }; }), chosen, function (v) {
            go({ domain: state.domain, option: state.option, answers: state.answers.slice(0, i).concat([[node, v]]) });
          }));
      });
    }
    live.replaceChildren();
    if (result) {
      var status = el("p", { class: "patterns-wizard-status", role: "status" });
      var copyButton = el("button", { type: "button", class: "patterns-wizard-copy", text: "Copy as Markdown" });
      copyButton.addEventListener("click", function () { copy(result.markdown, status); });
      live.appendChild(el("h3", { class: "patterns-wizard-result-title", text: "Your stack: " + result.title }));
      if (result.next_question) {
        live.appendChild(el("p", { text: "Answer the next question to refine the recipe, or use it as it is." }));
      }
      if (result.stack.length) live.appendChild(stackTable(result));
      append(live, blueprint(state));
      append(live, recipeList("core", "🥇 Core patterns (must have)", result.core));
      append(live, recipeList("scale", "🥈 Scale patterns (add when growing)", result.scale));
      append(live, recipeList("avoid", "🥉 Avoid these (legacy)", result.avoid, true));
      live.appendChild(el("div", { class: "patterns-wizard-actions" }, [copyButton, status]));
    } else if (state.domain && !domain) {
      live.appendChild(el("p", { text: "This link names a domain the wizard does not know; choose one above." }));
    }
    steps.replaceChildren(form);
    document.body.classList.toggle("patterns-wizard-has-result", !!result);
    var again = focused && document.getElementById(focused);
    if (again) again.focus();
  }

  // The panel's frame is built once: the live region must stay the same element for screen
  // readers to announce what changes inside it.
  var steps = el("div", { class: "patterns-wizard-steps" });
  var live = el("div", { class: "patterns-wizard-result", "aria-live": "polite" });
  var restart = el("button", { type: "button", class: "patterns-wizard-restart", text: "Start over" });
  restart.addEventListener("click", function () { go({ domain: "", option: "", answers: [] }); });
  panel.replaceChildren(
    el("h3", { id: "patterns-wizard-title", class: "patterns-wizard-title", text: "Find your stack, step by step" }),
    steps, live, el("div", { class: "patterns-wizard-actions" }, [restart]));

  // The domain cards are step 1 too: with the script on, a card chooses its domain.
  Array.prototype.forEach.call(document.querySelectorAll("a.patterns-card[data-domain]"), function (card) {
    card.addEventListener("click", function (event) {
      event.preventDefault();
      go({ domain: card.getAttribute("data-domain"), option: "", answers: [] });
      panel.scrollIntoView();
    });
  });
  panel.hidden = false;
  // For other scripts on the page (and the tests): the engine's result for any choice.
  window.patternsWizard = { recommend: recommend };
  window.addEventListener("hashchange", render);
  render();
})();
