// Karib's only script besides htmx (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";

  // Forms submitted in place answer 422 with the form and its field errors: let htmx swap them
  // (htmx treats 4xx answers as errors and would otherwise leave the old form in place).
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // --- "/" focuses the search box from anywhere; Escape leaves it ----------------------------

  function isTyping(element) {
    if (!element || element === document.body) return false;
    if (element.isContentEditable) return true;
    return /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName);
  }

  function searchBox() {
    // The page's own search (the people list) first, else the one in the top bar.
    return (
      document.querySelector('[data-search-shortcut="page"]') ||
      document.querySelector("[data-search-shortcut]")
    );
  }

  function focusMain() {
    var main = document.getElementById("main");
    if (main) main.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (event.key === "/" && !isTyping(active)) {
      var box = searchBox();
      if (box) {
        event.preventDefault();
        box.focus();
        if (box.select) box.select();
      }
    } else if (event.key === "Escape" && active && active.hasAttribute("data-search-shortcut")) {
      event.preventDefault(); // keep what was typed (a search input would clear itself)
      active.blur();
      focusMain();
    } else if (event.key === "Escape") {
      var form = active && active.closest ? active.closest("form") : null;
      if (form && inlineForms.has(form) && closeInlineForm(form)) event.preventDefault();
    }
  });

  // --- inline forms: focus moves into a form that opens, and back to its opener when it closes -
  //
  // An inline form opens when a GET swaps a form into the page (the "Add a fact" button, an
  // item's "Edit" link, "+ Person"). It is remembered with the control that opened it (found
  // again by its hx-get address: the control is often re-rendered) and the HTML it replaced.
  // Saving re-renders the form with its errors (focus on the first field in error) or closes it
  // (focus back on the opener); Escape, or a link marked data-inline-cancel or leading back to
  // this very page, puts the replaced HTML back without leaving the page.

  var inlineForms = new WeakMap(); // form → {opener, targetId, restore}
  var pending = new WeakMap(); // xhr → what to do once its swap has settled

  function isVisible(element) {
    return !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length);
  }

  function fields(form) {
    var found = form.querySelectorAll(
      "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])"
    );
    return Array.prototype.filter.call(found, isVisible);
  }

  function firstField(form) {
    var all = fields(form);
    var invalid = all.filter(function (field) {
      if (field.getAttribute("aria-invalid") === "true") return true;
      var holder = field.closest("div");
      return !!(holder && holder.querySelector(".field-error, .errorlist"));
    });
    return invalid[0] || form.querySelector("[autofocus]") || all[0] || null;
  }

  function findOpener(address) {
    if (!address) return null;
    var candidates = document.querySelectorAll("[hx-get]");
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].getAttribute("hx-get") === address && isVisible(candidates[i])) {
        return candidates[i];
      }
    }
    return null;
  }

  // The form that is the swapped region, or its first child (li > form, a panel > form): a list
  // that merely contains forms (a filtered result) is not an inline form opening.
  function formIn(region) {
    if (!region) return null;
    if (region.tagName === "FORM") return region;
    var first = region.firstElementChild;
    return first && first.tagName === "FORM" ? first : null;
  }

  // Put back what the form replaced; false when that would show stale values (then a cancel
  // link is followed as a plain link).
  function closeInlineForm(form) {
    var record = inlineForms.get(form);
    if (!record || !record.restore) return false;
    var region = record.targetId ? document.getElementById(record.targetId) : null;
    if (!region || !region.contains(form)) region = form;
    var holder = document.createElement("template");
    holder.innerHTML = record.restore;
    var restored = holder.content.firstElementChild;
    if (!restored) return false;
    region.replaceWith(restored);
    if (window.htmx) window.htmx.process(restored);
    var opener = findOpener(record.opener);
    if (opener) opener.focus();
    return true;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.shouldSwap || !detail.target || !detail.xhr) return;
    var requester = detail.requestConfig ? detail.requestConfig.elt : detail.elt;
    var verb = detail.requestConfig ? detail.requestConfig.verb : "get";
    var ownForm = requester && requester.closest ? requester.closest("form") : null;
    var record = ownForm ? inlineForms.get(ownForm) : null;
    if (record) {
      // a request from an open inline form (saving it)
      pending.set(detail.xhr, {
        opener: record.opener,
        restore: record.restore,
        targetId: detail.target.id,
        formerTargetId: record.targetId,
        opening: false,
      });
    } else if (
      verb === "get" &&
      requester &&
      /^(A|BUTTON)$/.test(requester.tagName) &&
      requester.getAttribute("hx-get")
    ) {
      // opened again over an open form: cancelling still goes back to what was there first
      var open = formIn(detail.target);
      var prior = open ? inlineForms.get(open) : null;
      pending.set(detail.xhr, {
        opener: requester.getAttribute("hx-get"),
        restore: prior ? prior.restore : detail.target.outerHTML,
        targetId: detail.target.id,
        formerTargetId: detail.target.id,
        opening: true,
      });
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var xhr = event.detail.xhr;
    var state = xhr ? pending.get(xhr) : null;
    if (!state) return;
    pending.delete(xhr); // once per request, whatever number of elements settled
    var region = state.targetId ? document.getElementById(state.targetId) : null;
    var form = formIn(region);
    if (form) {
      inlineForms.set(form, {
        opener: state.opener,
        targetId: state.opening ? state.targetId : state.formerTargetId,
        // someone else saved meanwhile: what the form replaced is stale, cancel reloads
        restore: form.querySelector(".conflict") ? null : state.restore,
      });
      form.setAttribute("data-inline-form", "");
      var field = firstField(form);
      if (field) field.focus();
    } else if (!state.opening) {
      var opener = findOpener(state.opener);
      if (opener) opener.focus();
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var form = link.closest("form");
    if (!form || !inlineForms.has(form)) return;
    var here = window.location.pathname + window.location.search;
    var target = new URL(link.href, window.location.href);
    var backHere = target.origin === window.location.origin && target.pathname + target.search === here;
    if ((link.hasAttribute("data-inline-cancel") || backHere) && closeInlineForm(form)) {
      event.preventDefault();
    }
  });
})();
