// Karib's only script besides htmx.
// Forms submitted in place answer 422 with the form and its field errors: let htmx swap them
// (htmx treats 4xx answers as errors and would otherwise leave the old form in place).
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr && event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
