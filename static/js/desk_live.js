// The desk stays current (claims/inflow/live.py): elements marked data-desk-live re-fetch themselves with
// htmx. This file sends each one's ETag, skips a poll while the tab is hidden or while the editor is
// typing in a form inside it, and keeps the element as it is when the server answers 304.
(function () {
  "use strict";
  function live(event) {
    var element = event.detail.elt;
    return element && element.hasAttribute && element.hasAttribute("data-desk-live") ? element : null;
  }
  function busy(element) {
    var active = document.activeElement;
    if (active && active !== document.body && element.contains(active) && active.matches("input, textarea, select")) {
      return true;
    }
    return element.querySelector("form[data-dirty]") !== null;
  }
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("[data-desk-live] form");
    if (form) form.setAttribute("data-dirty", "");
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("[data-desk-live] form");
    if (form) form.setAttribute("data-dirty", "");
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var element = live(event);
    if (!element || event.detail.requestConfig.verb !== "get") return;
    if (document.hidden || busy(element)) event.preventDefault();
  });
  document.addEventListener("htmx:configRequest", function (event) {
    var element = live(event);
    if (!element || event.detail.verb !== "get") return;
    if (element.hasAttribute("data-desk-live-here")) {
      event.detail.path = window.location.pathname + window.location.search;
    }
    if (element.dataset.etag) event.detail.headers["If-None-Match"] = element.dataset.etag;
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var element = live(event);
    if (!element) return;
    if (event.detail.xhr.status === 304) {
      event.detail.shouldSwap = false;
      return;
    }
    var etag = event.detail.xhr.getResponseHeader("ETag");
    if (etag && event.detail.xhr.status === 200) element.dataset.etag = etag;
  });
})();
