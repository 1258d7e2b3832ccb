// mdbook-patterns: the interactive Pattern Selection Wizard.
// #patterns-wizard-data holds each option's part of a result and the decision tree's nodes;
// `walkTree` and `recommend` follow the engine (src/engine/mod.rs `walk`, `combine`), and a
// browser test checks that they agree on every choice. The state is the hash's key `wizard=`
// (domain/option/node=Label/..., parts percent-encoded; other keys, joined by "&", are left
// alone), so links restore a result and back/forward walk the steps.
// A label's parts: texts at even positions, placeholder names at odd ones (filled from `values`).
function patternsFill(parts, values) {
  return parts.map(function (p, i) { return i % 2 ? values[p] : p; }).join("");
}

// The page address's hash as "key=value" parts, joined by "&" (a plain anchor is none). Each
// script below reads and writes only its own key.
function patternsHashParts() {
  return location.hash.slice(1).split("&").filter(function (p) { return p.indexOf("=") > 0; });
}

// Labels each body cell of `table` with its column's header (or with `labels[i]`) and marks its
// holder, so that on a narrow screen (wizard.css) its rows stack, each cell under its label.
function patternsStack(table, labels) {
  var heads = labels || Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
  Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
    Array.prototype.forEach.call(row.cells, function (cell, i) {
      if (cell.tagName === "TD" && heads[i]) cell.setAttribute("data-label", heads[i]);
    });
  });
  table.classList.add("patterns-stacked");
}
Array.prototype.forEach.call(document.querySelectorAll(".patterns-table table"), function (table) {
  patternsStack(table);
});

(function () {
  "use strict";
  var panel = document.getElementById("patterns-wizard");
  var source = document.getElementById("patterns-wizard-data");
  if (!panel || !source) return;
  var data = JSON.parse(source.textContent);
  var KEY = "wizard=";
  function say(key, values) { return patternsFill(data.labels[key], values || {}); }
  function md(key, values) { return patternsFill(data.md_labels[key], values || {}); }
  var BADGE = { gold: say("tier_gold"), silver: say("tier_silver"), bronze: say("tier_bronze") };
  var nodeById = new Map(data.tree.nodes.map(function (n) { return [n.id, n]; }));

  function empty() { return { domain: "", option: "", answers: [] }; }

  function mine(part) { return part.indexOf(KEY) === 0; }

  // The state in the hash; `bad` where the wizard's part cannot be read.
  function parse() {
    var state = empty();
    var parts = (patternsHashParts().filter(mine)[0] || KEY).slice(KEY.length).split("/");
    try {
      parts = parts.map(decodeURIComponent);
    } catch (e) {
      state.bad = true;
      return state;
    }
    state.domain = parts[0];
    state.option = parts[1] || "";
    parts.slice(2).forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0 && state.option) state.answers.push([part.slice(0, at), part.slice(at + 1)]);
      else state.bad = true;
    });
    return state;
  }

  function format(state) {
    var value = KEY + [state.domain, state.option].concat(
      state.answers.map(function (a) { return a[0] + "=" + a[1]; })
    ).filter(Boolean).map(encodeURIComponent).join("/");
    var parts = patternsHashParts();
    var at = parts.findIndex(mine);
    if (at < 0) parts.push(value);
    else parts[at] = value;
    return "#" + parts.join("&");
  }

  function go(state) {
    var hash = format(state);
    if (location.hash !== hash) location.hash = hash; // a history entry; hashchange renders
    else render();
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === undefined) return;
      if (k === "text") node.textContent = attrs[k];
      else if (k === "html") node.innerHTML = attrs[k]; // built and escaped by the engine
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function domainOf(state) {
    return data.domains.filter(function (d) { return d.id === state.domain; })[0];
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  function pattern(id) {
    return own(data.patterns, id) || { name: id, md: id };
  }

  // The engine's walk for answers [node, label] in any order; undefined where it refuses them.
  function walkTree(answers) {
    var given = new Map(), reason = [say("reason_tree"), md("reason_tree")], walk = { path: [], next: null, added: [] };
    for (var i = 0; i < answers.length; i++) {
      var asked = nodeById.get(answers[i][0]);
      if (!asked || asked.kind !== "question" || given.has(asked.id)) return undefined;
      given.set(asked.id, answers[i][1]);
    }
    for (var at = data.tree.start, steps = 0; at !== null && ++steps <= data.tree.nodes.length;) {
      var node = data.tree.nodes[at];
      if (node.kind === "outcome") {
        node.patterns.forEach(function (id) { walk.added.push([id].concat(reason)); });
        at = node.next;
      } else if (!given.has(node.id)) {
        walk.next = node;
        break;
      } else {
        var answer = node.answers.filter(function (a) { return a[0] === given.get(node.id); })[0];
        if (!answer) return undefined;
        reason = [node.question + " → " + answer[0], node.md + " → " + answer[1]];
        walk.path.push([node, answer]);
        at = answer[2];
      }
    }
    return walk.path.length < answers.length ? undefined : walk;
  }

  // The engine's result for a choice, with the Markdown to copy; undefined if the data has none.
  function recommend(domainId, optionId, answers) {
    var option = own(data.options, domainId + "/" + optionId);
    var walk = option && walkTree(answers);
    if (!walk) return undefined;
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
        reasons: [say("reason_replacement", { pattern: name.name })].concat(instead.reasons),
        md: [md("reason_replacement", { pattern: name.md })].concat(instead.md) });
    });
    var held = entries.map(function (e) { return e.pattern; });
    var missing = missingOf(held), conflicts = conflictsOf(held);
    var result = {
      domain: domainId,
      option: optionId,
      title: option.title,
      path: walk.path.map(function (a) {
        return { node: a[0].id, question: a[0].question, answer: a[1][0] };
      }),
      next_question: walk.next && walk.next.id,
      next_question_text: walk.next && walk.next.question,
      stack: option.stack.map(function (row) {
        var p = pattern(row.pattern);
        return { pattern: row.pattern, name: p.name, tier: p.tier, why: row.why, evidence: row.evidence,
          evidence_url: row.evidence_url };
      }),
      core: ofTier("gold").map(recipeEntry),
      scale: ofTier("silver").map(recipeEntry),
      avoid: avoid.map(function (a) {
        return { pattern: a.pattern, name: pattern(a.pattern).name, instead: a.instead,
          instead_name: a.instead ? pattern(a.instead).name : "", reasons: a.reasons };
      }),
      missing: missing.map(function (m) {
        return { pattern: m.pattern, name: pattern(m.pattern).name, tier: pattern(m.pattern).tier,
          required_by: m.by.map(function (r) { return { pattern: r.by, name: pattern(r.by).name, note: r.note }; }) };
      }),
      conflicts: conflicts.map(function (c) {
        return { pattern: c.pattern, name: pattern(c.pattern).name, other: c.other,
          other_name: pattern(c.other).name, note: c.note };
      })
    };
    result.markdown = markdown(option, walk, ofTier("gold"), ofTier("silver"), avoid, missing, conflicts);
    return result;
  }

  // What `held` requires, in turn, that it lacks: src/engine/mod.rs `missing`, breadth first.
  function missingOf(held) {
    var out = [], byId = new Map(), queue = held.slice();
    for (var at = 0; at < queue.length; at++) {
      var by = queue[at];
      (own(data.requires, by) || []).forEach(function (r) {
        if (held.indexOf(r.pattern) >= 0) return;
        var entry = byId.get(r.pattern);
        if (!entry) {
          entry = { pattern: r.pattern, by: [] };
          byId.set(r.pattern, entry);
          out.push(entry);
          queue.push(r.pattern);
        }
        entry.by.push({ by: by, note: r.note, note_html: r.note_html, note_md: r.note_md });
      });
    }
    return out;
  }

  // The relation by which `by` requires `id`, and the one by which `a` and `b` conflict.
  function requirement(by, id) {
    return (own(data.requires, by) || []).filter(function (r) { return r.pattern === id; })[0];
  }
  var conflictByPair = new Map();
  data.conflicts.forEach(function (c) {
    conflictByPair.set(c.pattern + " " + c.other, c);
    conflictByPair.set(c.other + " " + c.pattern, c);
  });
  function conflict(a, b) { return conflictByPair.get(a + " " + b); }

  // The pairs of `held` that conflict, in its order: src/engine/mod.rs `conflicts`.
  function conflictsOf(held) {
    var out = [];
    held.forEach(function (a, i) {
      held.slice(i + 1).forEach(function (b) {
        var c = conflict(a, b);
        if (c) out.push({ pattern: a, other: b, note: c.note, note_html: c.note_html, note_md: c.note_md });
      });
    });
    return out;
  }

  function recipeEntry(e) {
    var p = pattern(e.pattern);
    return { pattern: e.pattern, name: p.name, tier: p.tier, reasons: e.reasons };
  }

  // The Markdown document of a result, as src/render/recommendation.rs `to_markdown` writes it.
  function markdown(option, walk, core, scale, avoid, missing, conflicts) {
    var sections = ["# " + option.md];
    if (walk.path.length) {
      sections.push(md("result_answers", { answers: walk.path.map(function (a) { return a[0].md + " → " + a[1][1]; }).join(" · ") }));
    }
    if (walk.next) sections.push(md("result_next_question", { question: walk.next.md }));
    if (option.stack_md !== null) sections.push(option.stack_md);
    function list(title, lines) {
      if (!lines.length) return;
      sections.push("## " + title + "\n\n" + lines.map(function (line, i) {
        return (i + 1) + ". " + line;
      }).join("\n"));
    }
    function line(e) { return "**" + pattern(e.pattern).md + "**: " + e.md.join("; "); }
    list(md("recipe_core"), core.map(line));
    list(md("recipe_scale"), scale.map(line));
    list(md("recipe_avoid"), avoid.map(function (a) {
      return md("recipe_avoid_item", { pattern: "**" + pattern(a.pattern).md + "**",
        instead: "**" + (a.instead ? pattern(a.instead).md : "") + "**" }) + ": " + a.md.join("; ");
    }));
    function bold(id) { return "**" + pattern(id).md + "**"; }
    list(md("recipe_missing"), missing.map(function (m) {
      return md("recipe_missing_item", { pattern: bold(m.pattern), by: m.by.map(function (r) {
        return bold(r.by) + (r.note_md === undefined ? "" : " (" + r.note_md + ")");
      }).join("; ") });
    }));
    list(md("recipe_conflicts"), conflicts.map(function (c) {
      return md("recipe_conflict_item", { pattern: bold(c.pattern), other: bold(c.other) }) +
        (c.note_md === undefined ? "" : ": " + c.note_md);
    }));
    return sections.join("\n\n") + "\n";
  }

  function resultOf(state) {
    return recommend(state.domain, state.option, state.answers);
  }

  // A radio group in a fieldset: the accessible way to ask one question. A choice's `key` (an
  // id, or an answer's position: never a label) ends its element's id.
  function question(step, name, legend, choices, chosen, onChoose) {
    var fieldset = el("fieldset", { class: "patterns-wizard-step", "data-step": name });
    fieldset.appendChild(el("legend", {}, [
      el("span", { class: "patterns-wizard-step-number", text: step }),
      document.createTextNode(" " + legend)]));
    choices.forEach(function (choice) {
      var id = "patterns-wizard-" + name + "-" + choice.key;
      var input = el("input", { type: "radio", name: "patterns-wizard-" + name, id: id, value: choice.key });
      input.checked = choice.key === chosen;
      input.addEventListener("change", function () { onChoose(choice.key); });
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
    var head = el("tr", {}, ["pattern", "tier", "why", "evidence"].map(function (h) {
      return el("th", { scope: "col", text: say("column_" + h) });
    }));
    var rows = data.options[result.domain + "/" + result.option].stack.map(function (row) {
      return el("tr", {}, [el("td", {}, [patternCell(row.pattern)]),
        el("td", { text: BADGE[pattern(row.pattern).tier] }), el("td", { html: row.why_html }),
        el("td", {}, [/^https?:\/\//i.test(row.evidence_url) ? el("a", { href: row.evidence_url, text: row.evidence })
          : el(row.evidence_href ? "a" : "span", { href: row.evidence_href, html: row.evidence_html })])]);
    });
    var table = el("table", { class: "patterns-wizard-stack" },
      [el("thead", {}, [head]), el("tbody", {}, rows)]);
    patternsStack(table);
    return table;
  }

  // A label's parts filled with nodes: its texts as text, its placeholders from `cells`.
  function filled(key, cells) {
    return data.labels[key].map(function (p, i) { return i % 2 ? cells[p] : document.createTextNode(p); });
  }

  function reasons(children) {
    return el("span", { class: "patterns-wizard-reasons" }, [document.createTextNode(" — ")].concat(children));
  }

  // A relation's note, as the page's data has it in HTML, in brackets or after a dash.
  function noteHtml(relation) {
    return relation && relation.note_html !== undefined ? el("span", { html: relation.note_html }) : null;
  }

  // One part of the result: a heading and its entries, each a line of `line(entry)`'s nodes.
  function recipeList(part, title, entries, line) {
    if (!entries.length) return null;
    var items = entries.map(function (e) { return el("li", { "data-pattern": e.pattern }, line(e)); });
    return el("section", { class: "patterns-wizard-recipe-part", "data-part": part },
      [el("h4", { text: title }), el("ol", {}, items)]);
  }

  function recipeParts(result) {
    function recommended(e) {
      return [patternCell(e.pattern), reasons([document.createTextNode(e.reasons.join("; "))])];
    }
    return [recipeList("core", say("recipe_core"), result.core, recommended),
      recipeList("scale", say("recipe_scale"), result.scale, recommended),
      recipeList("avoid", say("recipe_avoid"), result.avoid, function (e) {
        return filled("recipe_avoid_item", { pattern: patternCell(e.pattern), instead: patternCell(e.instead) })
          .concat([reasons([document.createTextNode(e.reasons.join("; "))])]);
      }),
      recipeList("missing", say("recipe_missing"), result.missing, function (m) {
        var by = [];
        m.required_by.forEach(function (r, i) {
          var note = noteHtml(requirement(r.pattern, m.pattern));
          by.push(i ? document.createTextNode("; ") : null, patternCell(r.pattern),
            note && document.createTextNode(" ("), note, note && document.createTextNode(")"));
        });
        return filled("recipe_missing_item", { pattern: patternCell(m.pattern),
          by: el("span", { class: "patterns-wizard-required-by" }, by) });
      }),
      recipeList("conflicts", say("recipe_conflicts"), result.conflicts, function (c) {
        var note = noteHtml(conflict(c.pattern, c.other));
        return filled("recipe_conflict_item", { pattern: patternCell(c.pattern), other: patternCell(c.other) })
          .concat([note && reasons([note])]);
      })];
  }

  // The option's blueprint, from the static wizard below.
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

  // A copy of a diagram whose ids (an SVG's all start with its own) are not on the page yet.
  function copyOf(diagram) {
    if (diagram.closest("pre")) return diagram.closest("pre").cloneNode(true);
    var svg = diagram.closest("svg") || diagram;
    if (!svg.id) return svg.cloneNode(true);
    var holder = document.createElement("div");
    holder.innerHTML = svg.outerHTML.split(svg.id).join(svg.id + "-panel");
    return holder.firstElementChild;
  }

  function copy(text, status) {
    function done() { status.textContent = say("app_copied"); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else fallback();
    function fallback() {
      var area = el("textarea", { class: "patterns-wizard-copy-buffer", "aria-hidden": "true" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (e) { status.textContent = say("app_copy_failed"); }
      area.remove();
    }
  }

  // Why the state cannot be shown, if it cannot: the wizard then starts at step 1.
  function problem(state) {
    if (state.bad) return "app_link_unreadable";
    if (state.domain && !domainOf(state)) return "app_link_domain";
    if (!state.option || resultOf(state)) return "";
    return own(data.options, state.domain + "/" + state.option) ? "app_link_answers" : "app_link_option";
  }

  function render() {
    var state = parse();
    var notice = problem(state);
    if (notice) state = empty();
    var focused = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : "";
    var domain = domainOf(state);
    var form = el("form", { class: "patterns-wizard-form", "aria-labelledby": "patterns-wizard-title" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.appendChild(question("1", "domain", say("app_choose_domain"),
      data.domains.map(function (d) { return { key: d.id, label: (d.icon ? d.icon + " " : "") + d.title }; }),
      state.domain, function (v) { go({ domain: v, option: "", answers: [] }); }));
    var result;
    if (domain) {
      form.appendChild(question("2", "option", domain.question, domain.options.map(function (o) {
        return { key: o.id, label: (o.icon ? o.icon + " " : "") + o.title + (o.qualifier ? " (" + o.qualifier + ")" : "") };
      }), state.option, function (v) { go({ domain: state.domain, option: v, answers: [] }); }));
      result = resultOf(state);
    }
    if (result) {
      // The tree's questions asked, in order, each answer by its position.
      var walk = walkTree(state.answers);
      walk.path.concat(walk.next ? [[walk.next]] : []).forEach(function (step, i) {
        var node = step[0];
        form.appendChild(question("3." + (i + 1), "q-" + node.id, node.question,
          node.answers.map(function (a, at) { return { key: "" + at, label: a[0] }; }),
          "" + node.answers.indexOf(step[1]), function (at) {
            var answers = walk.path.slice(0, i).map(function (s) { return [s[0].id, s[1][0]]; });
            go({ domain: state.domain, option: state.option, answers: answers.concat([[node.id, node.answers[at][0]]]) });
          }));
      });
    }
    live.replaceChildren();
    if (result) {
      var status = el("p", { class: "patterns-wizard-status", role: "status" });
      var copyButton = el("button", { type: "button", class: "patterns-wizard-copy", text: say("app_copy") });
      copyButton.addEventListener("click", function () { copy(result.markdown, status); });
      live.appendChild(el("h3", { class: "patterns-wizard-result-title", text: say("app_result", { title: result.title }) }));
      if (result.next_question) {
        live.appendChild(el("p", { text: say("app_refine") }));
      }
      if (result.stack.length) live.appendChild(stackTable(result));
      [blueprint(state)].concat(recipeParts(result)).forEach(function (part) { if (part) live.appendChild(part); });
      var compared = result.stack.map(function (row) { return encodeURIComponent(row.pattern); });
      live.appendChild(el("div", { class: "patterns-wizard-actions" }, [copyButton, status,
        data.compare && compared.length > 1 ? el("a", { href: data.compare + "#compare=" + compared.join(","),
          text: say("compare_stack") }) : null]));
    } else if (notice) {
      live.appendChild(el("p", { class: "patterns-wizard-notice", role: "status", text: say(notice) }));
    }
    steps.replaceChildren(form);
    document.body.classList.toggle("patterns-wizard-has-result", !!result);
    var again = focused && document.getElementById(focused);
    if (again) again.focus();
  }

  // Built once: screen readers announce what changes inside the same live region.
  var steps = el("div", { class: "patterns-wizard-steps" });
  var live = el("div", { class: "patterns-wizard-result", "aria-live": "polite" });
  var restart = el("button", { type: "button", class: "patterns-wizard-restart", text: say("app_restart") });
  restart.addEventListener("click", function () { go(empty()); });
  panel.replaceChildren(
    el("h3", { id: "patterns-wizard-title", class: "patterns-wizard-title", text: say("app_title") }),
    steps, live, el("div", { class: "patterns-wizard-actions" }, [restart]));

  // The domain cards are step 1 too: a card chooses its domain.
  // Cards of domains this wizard does not hold (another <<domain-cards>> on the page) stay links.
  Array.prototype.forEach.call(document.querySelectorAll("a.patterns-card[data-domain]"), function (card) {
    if (!data.domains.some(function (d) { return d.id === card.getAttribute("data-domain"); })) return;
    card.addEventListener("click", function (event) {
      event.preventDefault();
      go({ domain: card.getAttribute("data-domain"), option: "", answers: [] });
      panel.scrollIntoView();
    });
  });
  if (data.language) panel.setAttribute("lang", data.language);
  panel.hidden = false;

  // The static wizard's folds, open without JavaScript: the panel shows their content a choice at
  // a time, so they close, one click from open. A link into a fold (the sidebar, a search result,
  // a card's "recommended for") opens it; printing opens them all.
  var folds = Array.prototype.slice.call(document.querySelectorAll("details.patterns-wizard-fold"));
  function unfoldTarget() {
    var id = patternsHashParts().length ? "" : location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { id = ""; }
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details.patterns-wizard-fold");
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  }
  folds.forEach(function (fold) { fold.open = false; });
  unfoldTarget();
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = folds.filter(function (fold) { return !fold.open; });
    closedForPrint.forEach(function (fold) { fold.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (fold) { fold.open = false; });
  });
  window.addEventListener("hashchange", unfoldTarget);
  // For other scripts on the page (and the tests): the engine's result for any choice.
  window.patternsWizard = { recommend: recommend };
  window.addEventListener("hashchange", render);
  render();
})();

// mdbook-patterns: <<compare>> without patterns=. The page holds a table of every pattern, a row
// each (#patterns-compare-data names the rows' ids); the hash's key `compare=` (ids, joined by
// ",") picks some, which are shown side by side, a column each, from copies of the table's own
// cells. Other keys of the hash are left alone.
(function () {
  "use strict";
  var panel = document.querySelector(".patterns-compare");
  var source = document.getElementById("patterns-compare-data");
  var all = document.querySelector(".patterns-compare-all");
  var table = all && all.querySelector("table");
  if (!panel || !source || !table) return;
  var data = JSON.parse(source.textContent);
  var KEY = "compare=";
  var rows = table.tBodies[0].rows;

  function chosen() {
    var mine = patternsHashParts().filter(function (p) { return p.indexOf(KEY) === 0; })[0] || KEY;
    var ids = [];
    mine.slice(KEY.length).split(",").forEach(function (id) {
      try { id = decodeURIComponent(id); } catch (e) { return; }
      if (data.ids.indexOf(id) >= 0 && ids.indexOf(id) < 0) ids.push(id);
    });
    return ids;
  }
  function go(ids) {
    var others = patternsHashParts().filter(function (p) { return p.indexOf(KEY) !== 0; });
    if (ids.length) others.push(KEY + ids.map(encodeURIComponent).join(","));
    var hash = "#" + others.join("&");
    if (location.hash !== hash && !(hash === "#" && !location.hash)) location.hash = hash;
  }
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var select = el("select");
  select.id = "patterns-compare-pick";
  var label = el("label", data.labels.pick);
  label.htmlFor = select.id;
  var add = el("button", data.labels.add);
  add.type = "button";
  add.addEventListener("click", function () {
    var ids = chosen();
    if (select.value && ids.indexOf(select.value) < 0) go(ids.concat([select.value]));
  });
  var view = el("div");
  view.className = "patterns-compare-view";
  var status = el("p");
  status.setAttribute("role", "status");
  var form = el("div");
  form.className = "patterns-compare-form";
  form.append(label, select, add);
  panel.replaceChildren(form, status, view);

  function render() {
    var ids = chosen();
    select.replaceChildren();
    data.ids.forEach(function (id, i) {
      if (ids.indexOf(id) >= 0) return;
      var option = el("option", data.names[i]);
      option.value = id;
      select.appendChild(option);
    });
    status.textContent = ids.length < 2 ? data.labels.hint : "";
    view.replaceChildren();
    all.hidden = ids.length > 0;
    if (!ids.length) return;
    // The table's header cells become the rows' headers; each chosen row, a column.
    var side = el("table");
    var head = el("tr");
    head.appendChild(el("th", data.labels.corner));
    var columns = ids.map(function (id) { return rows[data.ids.indexOf(id)].cells; });
    columns.forEach(function (cells, i) {
      var th = el("th");
      th.scope = "col";
      th.append.apply(th, Array.prototype.map.call(cells[0].childNodes, function (n) { return n.cloneNode(true); }));
      var remove = el("button", "×");
      remove.type = "button";
      remove.className = "patterns-compare-remove";
      remove.setAttribute("aria-label", patternsFill(data.labels.remove, { pattern: data.names[data.ids.indexOf(ids[i])] }));
      remove.addEventListener("click", function () {
        go(ids.filter(function (other) { return other !== ids[i]; }));
      });
      th.append(" ", remove);
      head.appendChild(th);
    });
    side.appendChild(el("thead")).appendChild(head);
    var body = side.appendChild(el("tbody"));
    Array.prototype.slice.call(table.tHead.rows[0].cells, 1).forEach(function (header, row) {
      var tr = body.appendChild(el("tr"));
      var th = tr.appendChild(el("th", header.textContent));
      th.scope = "row";
      columns.forEach(function (cells) {
        var td = tr.appendChild(el("td"));
        td.append.apply(td, Array.prototype.map.call(cells[row + 1].childNodes, function (n) { return n.cloneNode(true); }));
      });
    });
    patternsStack(side, [""].concat(ids.map(function (id) { return data.names[data.ids.indexOf(id)]; })));
    view.appendChild(side);
  }
  panel.hidden = false;
  window.addEventListener("hashchange", render);
  render();
})();

// mdbook-patterns: the pattern index's filter. Each `.patterns-index` holds its rows' data (a
// JSON script element; each group's rows in its table's order: category and tags, the rest it
// reads from the row) and its words; the script puts a
// text box and tier, category and tag buttons above it and hides what does not match (buttons of
// one kind: any of them; of different kinds: all). The state is the hash's key `index=`: items
// joined by "/", each `[scope.]field:value,value` (field q, tier, category or tag; values
// percent-encoded; scope names the index by its keys, for a page with several), so links share
// a filter and back/forward walk its changes. Other keys, joined by "&", are left alone.
(function () {
  "use strict";
  var KEY = "index=";
  var KINDS = ["tier", "category", "tag"];
  var timer = null;
  function blank() { return { q: "", tier: [], category: [], tag: [] }; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function mine(part) { return part.indexOf(KEY) === 0; }

  var indexes = Array.prototype.map.call(document.querySelectorAll("div.patterns-index[data-index]"), setUp)
    .filter(Boolean);
  if (!indexes.length) return;

  function setUp(root) {
    var source = root.querySelector("script.patterns-index-data");
    var data;
    try { data = JSON.parse(source.textContent); } catch (e) { return null; }
    var groups = Array.prototype.filter.call(root.children, function (c) {
      return c.classList.contains("patterns-index-group");
    });
    if (groups.length !== data.groups.length) return null;
    var ix = { scope: root.getAttribute("data-index"), state: blank(), rows: [], groups: [], buttons: [] };
    var values = { tier: [], category: [], tag: [] };
    function add(kind, value) { if (values[kind].indexOf(value) < 0) values[kind].push(value); }
    for (var g = 0; g < groups.length; g++) {
      var trs = groups[g].querySelectorAll("tbody tr");
      var rows = data.groups[g].rows;
      if (trs.length !== rows.length) return null;
      var heading = groups[g].querySelector("h1, h2, h3, h4, h5, h6");
      var group = { node: groups[g], tier: data.groups[g].tier, rows: [],
        title: heading && (heading.querySelector("a.header") || heading) };
      add("tier", group.tier);
      rows.forEach(function (row, r) {
        row.tr = trs[r];
        row.tier = group.tier;
        row.text = [row.tr.textContent, row.category].concat(row.tags).join(" ").toLowerCase();
        add("category", row.category);
        row.tags.forEach(function (t) { add("tag", t); });
        group.rows.push(row);
      });
      ix.groups.push(group);
    }
    function say(name, n, vals) { return patternsFill(data.labels[name][n === 1 ? 0 : 1], vals || {}); }
    ix.say = say;
    ix.badge = function (tier) { return data.tiers[tier]; };
    var panel = el("div", { class: "patterns-index-filter", role: "search", "aria-label": say("index_filter") });
    if (data.language) panel.setAttribute("lang", data.language);
    var label = el("label", { class: "patterns-index-search" }, say("index_search"));
    ix.input = el("input", { type: "search", autocomplete: "off", spellcheck: "false" });
    label.appendChild(ix.input);
    panel.appendChild(label);
    ix.input.addEventListener("input", function () {
      ix.state.q = ix.input.value;
      show(ix);
      clearTimeout(timer);
      timer = setTimeout(commit, 500);
    });
    values.category.sort();
    values.tag.sort();
    [["tier", "index_tiers", 2], ["category", "index_categories", 2], ["tag", "index_tags", 1]].forEach(function (k) {
      var kind = k[0];
      if (values[kind].length < k[2]) return;
      var set = el("fieldset", { class: "patterns-index-toggles", "data-kind": kind });
      set.appendChild(el("legend", {}, say(k[1])));
      values[kind].forEach(function (value) {
        var button = el("button", { type: "button", "aria-pressed": "false" }, kind === "tier" ? ix.badge(value) : value);
        button.addEventListener("click", function () {
          var list = ix.state[kind];
          var at = list.indexOf(value);
          if (at < 0) list.push(value);
          else list.splice(at, 1);
          show(ix);
          commit();
        });
        ix.buttons.push({ node: button, kind: kind, value: value });
        set.appendChild(button);
      });
      panel.appendChild(set);
    });
    var clear = el("button", { type: "button", class: "patterns-index-clear" }, say("index_clear"));
    clear.addEventListener("click", function () {
      ix.state = blank();
      ix.input.value = "";
      show(ix);
      commit();
    });
    panel.appendChild(clear);
    ix.status = el("p", { class: "patterns-index-status", role: "status", "aria-live": "polite" });
    panel.appendChild(ix.status);
    root.insertBefore(panel, root.firstChild);
    return ix;
  }

  // Shows the rows that match the index's state, and the counts.
  function show(ix) {
    var st = ix.state;
    var words = st.q.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    var total = 0;
    ix.groups.forEach(function (group) {
      var n = 0;
      group.rows.forEach(function (row) {
        var keep = (!st.tier.length || st.tier.indexOf(row.tier) >= 0) &&
          (!st.category.length || st.category.indexOf(row.category) >= 0) &&
          (!st.tag.length || st.tag.some(function (t) { return row.tags.indexOf(t) >= 0; })) &&
          words.every(function (w) { return row.text.indexOf(w) >= 0; });
        row.tr.hidden = !keep;
        if (keep) n++;
      });
      group.node.hidden = !n;
      if (group.title) group.title.textContent = ix.say("index_tier", n, { tier: ix.badge(group.tier), count: n });
      shown += n;
      total += group.rows.length;
    });
    ix.buttons.forEach(function (b) {
      b.node.setAttribute("aria-pressed", String(st[b.kind].indexOf(b.value) >= 0));
    });
    var said = ix.say("index_shown", total, { shown: shown, total: total });
    if (ix.status.textContent !== said) ix.status.textContent = said;
  }

  // Every index's state, from the hash.
  function parse() {
    var states = {};
    var part = patternsHashParts().filter(mine)[0] || KEY;
    part.slice(KEY.length).split("/").forEach(function (item) {
      var colon = item.indexOf(":");
      if (colon < 0) return;
      var head = item.slice(0, colon);
      var dot = head.lastIndexOf(".");
      var scope = dot < 0 ? "" : head.slice(0, dot);
      var field = head.slice(dot + 1);
      var state = states[scope] = states[scope] || blank();
      var values;
      try {
        values = item.slice(colon + 1).split(",").map(decodeURIComponent);
      } catch (e) {
        return;
      }
      if (field === "q") state.q = values.join(",");
      else if (KINDS.indexOf(field) >= 0) state[field] = values.filter(Boolean);
    });
    return states;
  }

  function format() {
    var items = [];
    indexes.forEach(function (ix) {
      var prefix = ix.scope ? ix.scope + "." : "";
      if (ix.state.q) items.push(prefix + "q:" + encodeURIComponent(ix.state.q));
      KINDS.forEach(function (kind) {
        var list = ix.state[kind];
        if (list.length) items.push(prefix + kind + ":" + list.map(encodeURIComponent).join(","));
      });
    });
    var parts = patternsHashParts();
    var at = parts.findIndex(mine);
    var value = items.length ? [KEY + items.join("/")] : [];
    if (at < 0) parts = parts.concat(value);
    else parts.splice.apply(parts, [at, 1].concat(value));
    return "#" + parts.join("&");
  }

  // Writes the state into the hash: a history entry, which `restore` then reads back.
  function commit() {
    clearTimeout(timer);
    timer = null;
    var hash = format();
    if ((location.hash || "#") !== hash) location.hash = hash;
  }

  function restore() {
    var states = parse();
    indexes.forEach(function (ix) {
      var state = states[ix.scope] || blank();
      if (timer && document.activeElement === ix.input) state.q = ix.input.value; // still typing
      ix.state = state;
      if (ix.input.value !== state.q) ix.input.value = state.q;
      show(ix);
    });
  }

  window.addEventListener("hashchange", restore);
  restore();
})();
